import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { Contract } from "../contract/index.js";
import { inferredMark, tsHeader, type OutputFile } from "../output.js";

/** TypeScript types of paths, operations and components, through openapi-typescript's API. */
export async function emitTypes(contract: Contract): Promise<OutputFile[]> {
  // openapi-typescript keeps `const` literals (no `discriminator` is used, on purpose).
  // defaultNonNullable off: a request field with a `default` stays optional for the caller.
  const ast = await openapiTS(structuredClone(contract.document) as never, { silent: true, defaultNonNullable: false });
  notePaths(ast, contract.operations);
  return [{ path: `generated/${contract.name}/schema.ts`, content: tsHeader() + astToString(ast) }];
}

/**
 * Gives each path of `paths` with an assumed operation a JSDoc comment: openapi-typescript
 * documents operations but not paths, and a path is what a client call names.
 */
function notePaths(ast: readonly ts.Node[], operations: Contract["operations"]): void {
  const paths = ast.find((node) => ts.isInterfaceDeclaration(node) && node.name.text === "paths");
  if (paths === undefined || !ts.isInterfaceDeclaration(paths)) return;
  for (const member of paths.members) {
    if (!member.name || !ts.isStringLiteral(member.name)) continue;
    const lines = pathNote(operations.filter((op) => op.path === (member.name as ts.StringLiteral).text));
    if (lines.length === 0) continue;
    const text = `*\n${lines.map((line) => ` * ${line.replaceAll("*/", "*\\/")}`).join("\n")}\n `;
    ts.addSyntheticLeadingComment(member, ts.SyntaxKind.MultiLineCommentTrivia, text, true);
  }
}

/** One mark when every operation of the path shares it, else one per reason with its methods. */
function pathNote(operations: Contract["operations"]): string[] {
  const byReason = new Map<string, string[]>();
  for (const op of operations) {
    if (op.inferred !== undefined) byReason.set(op.inferred, [...(byReason.get(op.inferred) ?? []), op.method]);
  }
  const [only] = byReason.keys();
  if (byReason.size === 1 && byReason.get(only!)!.length === operations.length) return [inferredMark(only!)];
  return [...byReason].map(([reason, methods]) => `${methods.join(", ")}: ${inferredMark(reason)}`);
}
