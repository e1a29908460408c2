// The emitter of generated/<api>/errors.ts on what the real specs do not have (the drift gate
// covers what they do have): an error type whose statuses are this project's choice.
import { describe, expect, it } from "vitest";
import { emitCatalog } from "../../scripts/pipeline/emit-catalog.js";
import { realContract } from "../support/contracts.js";

describe("emitCatalog", () => {
  it("marks an inferred error type with its reason in the error-type table, and only that type", async () => {
    const model = await realContract("willittrack");
    const reason = "The docs give no status for this type; 402 is assumed.";
    const errorTypes = model.errorTypes.map((t) => (t.type === "usage_limit_error" ? { ...t, inferred: reason } : t));
    const module = String(emitCatalog({ ...model, errorTypes }).find((f) => f.path.endsWith("/errors.ts"))?.content);
    const table = module.slice(module.indexOf("export const willItTrackErrorTypes = "));
    const entry = table.slice(0, table.indexOf(" satisfies "));
    expect(entry).toContain(
      "  usage_limit_error: /* @__PURE__ */ Object.freeze({\n" +
        "    statuses: /* @__PURE__ */ Object.freeze([402] as const),\n" +
        '    description: "Free tier exhausted and insufficient credits to complete the request.",\n' +
        `    inferred: ${JSON.stringify(reason)},\n` +
        "  } as const),\n",
    );
    expect(entry.match(/inferred: /g)).toHaveLength(1);
  });
});
