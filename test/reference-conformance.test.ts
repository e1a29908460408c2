// The operations must be marked as the research notes tag them: every operation or path the
// notes tag as inferred carries `x-inferred` (on the operation or its path item), none they tag
// as documented does, and every operation is tagged. The notes are read at test time, not
// copied, like the vendors' pages in seed-conformance.test.ts.
import { describe, expect, it } from "vitest";
import type { Operation } from "../scripts/contract/index.js";
import { realContract, VENDOR_APIS } from "./support/contracts.js";
import { endpointTags, referenceAvailable, type EndpointTag, type NotesOfApi } from "./support/reference.js";

const withNotes = referenceAvailable("the reference-notes conformance tests");

/** Where the notes list the endpoints of the generation each spec describes, and what they say in prose. */
const NOTES: Record<(typeof VENDOR_APIS)[number], Omit<NotesOfApi, "basePath">> = {
  ittybit: {
    section: "### 1.1 G3",
    statements: [
      {
        quote:
          "CRUD paths in G3 are **[INFER]** to be the same as G2 " +
          "(`GET/POST /automations`, `GET/PATCH/DELETE /automations/{id}`)",
      },
      {
        quote:
          'Added: `POST /automations/{id}/run`, body example `{ "url": "https://example.com/video.mp4" }` **[DOC-EX]**',
      },
      // One sentence tags both connection paths, then takes the `{id}` one back.
      {
        quote: "Paths are `/connections` and `/connections/{id}` **[DOC-EX]** (POST `/connections` in guides P13c)",
        covers: ["/connections"],
      },
      { quote: "/ **[INFER]** for the `{id}` paths.", covers: ["/connections/{id}"] },
      { quote: "Paths **[INFER]**: `/keys`, `/keys/{id}`" },
    ],
  },
  willittrack: {
    section: "### 1.1 Endpoint summary",
    statements: [{ quote: "likely `/v1/monitors` and `/v1/monitors/:id` **[INFER]**" }],
  },
};

/**
 * What is wrong with the marks of one API's operations, against the notes: an operation (or its
 * path) the notes tag INFER without `x-inferred`, one they tag DOC with it, one they do not tag,
 * or tag both ways. An operation's own tags come before its path's.
 */
function operationMarkProblems(operations: readonly Operation[], tags: readonly EndpointTag[]): string[] {
  return operations.flatMap((op) => {
    const own = tags.filter((t) => t.target === op.key);
    const found = [...new Set((own.length > 0 ? own : tags.filter((t) => t.target === op.path)).map((t) => t.tag))];
    if (found.length !== 1) return [`${op.key}: the notes tag it ${found.join(" and ") || "nowhere"}`];
    if (found[0] === "INFER" && op.inferred === undefined)
      return [`${op.key}: the notes tag it INFER; add \`x-inferred: <reason>\` to the operation or its path`];
    if (found[0] === "DOC" && op.inferred !== undefined)
      return [`${op.key}: the notes tag it DOC, but it carries x-inferred: ${op.inferred}`];
    return [];
  });
}

describe.skipIf(!withNotes).each(VENDOR_APIS)("%s operations match the research notes' tags", (api) => {
  it("marks exactly the operations and paths the notes tag INFER", async () => {
    const contract = await realContract(api);
    const basePath = new URL(contract.serverUrl).pathname.replace(/\/$/, "");
    const tags = endpointTags(api, { ...NOTES[api], basePath });
    expect(operationMarkProblems(contract.operations, tags)).toEqual([]);
  });
});

describe("operation marking rule", () => {
  const op = (key: string, inferred?: string): Operation => {
    const [method = "", path = ""] = key.split(" ");
    const marked = inferred === undefined ? {} : { inferred };
    return { key, method, path, operationId: "", errors: [], successStatuses: [], ...marked };
  };
  const tag = (target: string, t: "DOC" | "INFER"): EndpointTag => ({ target, tag: t, line: "" });
  it.each([
    ["a DOC operation, unmarked", [op("GET /a")], [tag("GET /a", "DOC")], []],
    ["an INFER operation, marked", [op("GET /a", "why")], [tag("GET /a", "INFER")], []],
    ["an INFER path covers its operations", [op("GET /a", "why")], [tag("/a", "INFER")], []],
    ["the operation's tag before its path's", [op("GET /a")], [tag("/a", "INFER"), tag("GET /a", "DOC")], []],
    ["an INFER operation, unmarked", [op("GET /a")], [tag("GET /a", "INFER")], ["GET /a: the notes tag it INFER"]],
    ["a DOC operation, marked", [op("GET /a", "why")], [tag("/a", "DOC")], ["GET /a: the notes tag it DOC"]],
    ["no tag", [op("GET /a")], [tag("GET /b", "DOC")], ["GET /a: the notes tag it nowhere"]],
    ["two tags", [op("GET /a")], [tag("GET /a", "DOC"), tag("GET /a", "INFER")], ["GET /a: the notes tag it DOC and"]],
  ] as const)("%s", (_name, operations, tags, want) => {
    const problems = operationMarkProblems(operations, tags);
    expect(problems).toHaveLength(want.length);
    for (const [i, start] of want.entries()) expect(problems[i]).toContain(start);
  });
});
