import {
  astToString,
  type GlobalContext,
  type OpenAPI3,
  type OpenAPITSOptions,
  resolveRef,
  scanDiscriminators,
  transformSchema,
  walk,
} from "openapi-typescript";
import ts from "typescript";
import type { Contract } from "../contract/index.js";
import { inferredMark, tsHeader, type OutputFile } from "../output.js";

/**
 * How openapi-typescript renders the types. It keeps `const` literals (no `discriminator` is
 * used, on purpose); defaultNonNullable off: a request field with a `default` stays optional.
 */
export const TYPES_OPTIONS = { silent: true, defaultNonNullable: false } as const satisfies OpenAPITSOptions;

/** TypeScript types of paths, operations and components, through openapi-typescript's API. */
export async function emitTypes(contract: Contract): Promise<OutputFile[]> {
  const read: OpenAPI3 = contract.document as never;
  // openapi-typescript patches the schemas a discriminator maps, in place: only then is a copy needed
  // (at 5,000 operations it would hold another 70 MB through the step).
  const document = hasDiscriminator(read) ? structuredClone(read) : read;
  const ast = transformSchema(document, contextOf(document));
  notePaths(ast, contract.operations);
  // Joined, not added: the printer's text is a chain of small pieces (about 7× its size at 5,000
  // operations) that would stay in memory as long as the file does; a join copies it out flat.
  return [{ path: `generated/${contract.name}/schema.ts`, content: [tsHeader(), astToString(ast)].join("") }];
}

function hasDiscriminator(document: OpenAPI3): boolean {
  let found = false;
  walk(document, (value) => {
    found ||= Object.hasOwn(value, "discriminator");
  });
  return found;
}

/**
 * The context `openapiTS(document, TYPES_OPTIONS)` makes for its transform. openapiTS itself
 * would first lint and bundle the document again, which the reader and the lint have done: at
 * 5,000 operations that was more than half of the step's time and peak memory. A test checks
 * that both give the same file, so an upgrade that changes openapiTS's defaults shows there.
 */
function contextOf(document: OpenAPI3): GlobalContext {
  const off = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    pathParamsAsTypes: false,
    propertiesRequiredByDefault: false,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
  };
  return {
    ...off,
    ...TYPES_OPTIONS,
    discriminators: scanDiscriminators(document, TYPES_OPTIONS),
    injectFooter: [],
    postTransform: undefined,
    transform: undefined,
    transformProperty: undefined,
    // Read only by openapiTS's own lint and bundle, which this skips.
    redoc: undefined as unknown as GlobalContext["redoc"],
    resolve: ($ref) => resolveRef(document, $ref, { silent: TYPES_OPTIONS.silent }),
  };
}

/**
 * Gives each path of `paths` with an assumed operation a JSDoc comment: openapi-typescript
 * documents operations but not paths, and a path is what a client call names.
 */
function notePaths(ast: readonly ts.Node[], operations: Contract["operations"]): void {
  const paths = ast.find((node) => ts.isInterfaceDeclaration(node) && node.name.text === "paths");
  if (paths === undefined || !ts.isInterfaceDeclaration(paths)) return;
  const byPath = new Map<string, Contract["operations"][number][]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  for (const member of paths.members) {
    if (!member.name || !ts.isStringLiteral(member.name)) continue;
    const lines = pathNote(byPath.get(member.name.text) ?? []);
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
