import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/**
 * The one list of every API's error tables, by name (`generated/apis.ts`): what the package's
 * command (bin/) reports consumer coverage over.
 */
export function emitApis(contracts: readonly Contract[]): OutputFile[] {
  const imports = contracts.map((c) => `import { ${c.valueName}ErrorTables } from "./${c.name}/errors.js";\n`);
  const entries = contracts.map((c) => `  ${JSON.stringify(c.name)}: ${c.valueName}ErrorTables,\n`);
  // Typed by name, so the declaration file refers to the tables rather than restating each one's type.
  const content = `${tsHeader()}import type { ErrorTables } from "../src/tables.js";
${imports.join("")}
/** Every API's error tables, by the API's name under generated/. */
export const errorTables: Readonly<Record<string, ErrorTables>> = {
${entries.join("")}};
`;
  return [{ path: "generated/apis.ts", content }];
}
