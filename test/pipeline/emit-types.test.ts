// The emitter of generated/<api>/schema.ts on what the real specs do not have (the drift gate
// covers what they do have): a path whose operations are assumed for different reasons.
import { describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { emitTypes } from "../../scripts/pipeline/emit-types.js";
import { realContract } from "../support/contracts.js";

/** schema.ts for the Ittybit contract with these `inferred` reasons on the operations named. */
async function schemaWith(reasons: Record<string, string>): Promise<string> {
  const model = await realContract("ittybit");
  const operations: Contract["operations"] = model.operations.map(({ inferred: _, ...op }) =>
    reasons[op.key] === undefined ? op : { ...op, inferred: reasons[op.key]! },
  );
  const [file] = await emitTypes({ ...model, operations });
  return String(file?.content);
}

describe("emitTypes", () => {
  it("marks a path once when all its operations share a reason", async () => {
    const schema = await schemaWith({ "GET /tasks/{id}": "Assumed." });
    expect(schema).toContain('    /**\n     * **Inferred:** Assumed.\n     */\n    "/tasks/{id}": {');
  });

  it("lists each reason with its methods when they differ, a `*/` in a reason escaped", async () => {
    const schema = await schemaWith({
      "GET /automations/{id}": "One */ reason.",
      "DELETE /automations/{id}": "One */ reason.",
      "PATCH /automations/{id}": "Another.",
    });
    expect(schema).toContain(
      "    /**\n" +
        "     * GET, DELETE: **Inferred:** One *\\/ reason.\n" +
        "     * PATCH: **Inferred:** Another.\n" +
        '     */\n    "/automations/{id}": {',
    );
  });

  it("marks no path whose operations are documented", async () => {
    const schema = await schemaWith({});
    expect(schema).not.toContain("**Inferred:**");
  });
});
