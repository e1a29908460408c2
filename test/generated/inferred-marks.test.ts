// An operation the vendor does not document says so wherever a TypeScript user names it: on
// hover, in the client's paths, the operation table, the server kit's table and the test kit's
// routes. Hovered with TypeScript's language service, as an editor does; every operation of both
// APIs, from the contract model.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { inferredMark } from "../../scripts/output.js";
import { API_NAMES, realContract, root } from "../support/contracts.js";
import { hoverIn } from "../support/hover.js";

/** A file that names every path and operation of the API in each typed output. */
function namingEverything(contract: Contract): string {
  const { name, typeName: T, valueName: v } = contract;
  const from = (module: string) => `"../../generated/${name}/${module}.js"`;
  const paths = [...new Set(contract.operations.map((op) => op.path))];
  return [
    `import type { paths } from ${from("index")};`,
    `import { ${v}OperationErrors as errors } from ${from("errors")};`,
    `import { ${v}SuccessStatuses as statuses } from ${from("server")};`,
    `import { mock${T}Fetch as mock } from ${from("testing")};`,
    "declare const types: paths;",
    ...paths.map((path) => `types[${JSON.stringify(path)}];`),
    ...contract.operations.flatMap(({ key }) => [
      `errors[${JSON.stringify(key)}];`,
      `statuses[${JSON.stringify(key)}];`,
      `mock({ ${JSON.stringify(key)}: "network" });`,
    ]),
  ].join("\n");
}

describe.each(API_NAMES)("%s: hovering an operation", async (api) => {
  const contract = await realContract(api);
  const hover = hoverIn(resolve(root, `test/generated/hover-${api}.ts`), namingEverything(contract));

  it.each(contract.operations.map((op) => [op.key, op] as const))(
    "%s shows its summary and its mark in the operation table, the server kit and the test kit",
    (key, op) => {
      const quoted = JSON.stringify(key);
      const shown = [`errors[${quoted}]`, `statuses[${quoted}]`, `mock({ ${quoted}`].map(hover.docs);
      const note = [op.summary && `${op.summary}.`, op.inferred === undefined ? "" : inferredMark(op.inferred)];
      expect(op.summary).toBeTruthy();
      expect(shown).toEqual(Array(3).fill(note.filter(Boolean).join(" ")));
    },
  );

  it.each([...new Set(contract.operations.map((op) => op.path))])(
    "%s shows the marks of its assumed operations in the client's paths",
    (path) => {
      const docs = hover.docs(`types[${JSON.stringify(path)}]`);
      const assumed = contract.operations.filter((op) => op.path === path && op.inferred !== undefined);
      expect(docs === "").toBe(assumed.length === 0);
      for (const op of assumed) expect(docs).toContain(inferredMark(op.inferred!));
    },
  );
});
