import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/**
 * The one list of every API's error tables, by name (`generated/apis.ts`): what the package's
 * command (bin/) reports consumer coverage over.
 */
export function emitApis(contracts: readonly Contract[]): OutputFile[] {
  const imports = contracts.map((c) => `import { ${c.valueName}ErrorTables } from "./${c.name}/errors.js";\n`);
  const entries = contracts.map((c) => `  ${JSON.stringify(c.name)}: ${c.valueName}ErrorTables,\n`);
  const content = `${tsHeader()}${imports.join("")}
/** Every API's error tables, by the API's name under generated/. */
export const errorTables = {
${entries.join("")}} as const;
`;
  return [{ path: "generated/apis.ts", content }];
}
