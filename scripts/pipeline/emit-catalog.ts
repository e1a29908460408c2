// The catalog module prints the contract model's tables (`model.tables`) as they are; every fact
// in them (`retryable`, the success statuses, the operation table) is derived once, in the model.
import type { Contract } from "../contract/index.js";
import { GENERATED_NOTICE, inferredMark, tsHeader, type OutputFile } from "../output.js";
import { frozenTable, jsDoc, literal, literalUnion, packed, propertyKey } from "./literal.js";

/** The error catalog as a typed module (`errors.ts`) and as JSON for other languages (`errors.json`). */
export function emitCatalog(model: Contract): OutputFile[] {
  const dir = `generated/${model.name}`;
  return [
    { path: `${dir}/errors.ts`, content: catalogModule(model) },
    { path: `${dir}/errors.json`, content: catalogJson(model) },
  ];
}

function catalogJson(model: Contract): string {
  const errors = Object.values(model.tables.catalog).map(({ example, ...published }) => published);
  return `${JSON.stringify({ $comment: GENERATED_NOTICE, api: model.name, errors }, null, 2)}\n`;
}

/**
 * Each operation's summary, and the mark of an assumed one, by key: the JSDoc of its key in the
 * tables the clients and kits are typed by, so the editor shows it on hover wherever an operation
 * is named (a guard's or a route's `"GET /path"`).
 */
function operationNotes(model: Pick<Contract, "operations">): Map<string, string> {
  return new Map(
    model.operations.flatMap((op) => {
      const parts = [op.summary && `${op.summary}.`, op.inferred === undefined ? "" : inferredMark(op.inferred)];
      const note = parts.filter(Boolean).join(" ");
      return note ? [[op.key, note]] : [];
    }),
  );
}

/** `export const <name> = frozen(<value>)`, with what it satisfies. */
function table(name: string, value: unknown, satisfies?: string): string {
  const head = `export const ${name} = `;
  return `${head}${frozenTable(value, head.length)}${satisfies === undefined ? "" : ` satisfies ${satisfies}`};`;
}

/**
 * The constants that hold the declarations the spec shares (\`components.responses.Unauthorized\`
 * is \`UnauthorizedResponse\`, \`components.headers.X-Request-Id\` is \`XRequestIdHeader\`), by the
 * object the model shares: no other value of the module ends in \`Response\` or \`Header\`. A name
 * that gives no identifier, or the same one as another, has no constant: it is written out.
 */
function sharedNames(model: Contract): Map<unknown, string> {
  const names = new Map<unknown, string>();
  const kinds = [
    [model.tables.sharedHeaders, "Header"],
    [model.tables.sharedResponses, "Response"],
  ] as const;
  for (const [shared, suffix] of kinds) {
    const named = Object.entries(shared).map(([name, table]) => [table, `${name.replace(/[^\w$]/g, "")}${suffix}`]);
    const taken = named.map(([, name]) => name);
    for (const [table, name] of named) {
      if (/^[A-Za-z_$]/.test(name) && taken.indexOf(name) === taken.lastIndexOf(name)) names.set(table, name);
    }
  }
  return names;
}

/** The shared declarations, once each (headers first: responses name them), for the operation table to name. */
function sharedDeclarations(model: Contract, names: ReadonlyMap<unknown, string>): string {
  const { sharedHeaders, sharedResponses } = model.tables;
  const declarations = [...Object.values(sharedHeaders), ...Object.values(sharedResponses)].flatMap((table) => {
    const name = names.get(table);
    if (name === undefined) return [];
    const head = `const ${name} = `;
    const others = new Map([...names].filter(([shared]) => shared !== table));
    return [`${head}${frozenTable(table, head.length, { names: others })};`];
  });
  if (declarations.length === 0) return "";
  return `
/** The headers and error responses the spec declares once (\`components\`), which operations share. */
${declarations.join("\n")}
`;
}

/**
 * The operation table, each operation's statuses several to a line: a status whose response is
 * shared names its declaration (\`UnauthorizedResponse\`); any other has a line of its own.
 */
function operationTable(model: Contract, notes: ReadonlyMap<string, string>, names: ReadonlyMap<unknown, string>) {
  const operations = Object.entries(model.tables.operations).map(([key, statuses]) => {
    const writtenOut = new Set<string>();
    const members = Object.entries(statuses).map(([status, table]) => {
      const name = `${propertyKey(status)}: `;
      const member = `${name}${literal(table, { indent: "    ", column: 4 + name.length, names })}`;
      if (!names.has(table)) writtenOut.add(member);
      return member;
    });
    const written = members.length === 0 ? "{}" : `{\n${packed(members, "    ", (m) => writtenOut.has(m))}  }`;
    return `${jsDoc(notes.get(key), "  ")}  ${propertyKey(key)}: ${written},\n`;
  });
  return `/* @__PURE__ */ frozen({\n${operations.join("")}})`;
}

function catalogModule(model: Contract): string {
  const { typeName: T, valueName: v, catalog, tables } = model;
  const hasType = model.errorTypes.length > 0;
  const severalStatuses = catalog.some((e) => e.statuses.length > 1)
    ? "\n  /** Every status the code is sent with, for a code sent with several; `status` is the first. */" +
      "\n  readonly statuses?: readonly number[];"
    : "";
  const notes = operationNotes(model);
  const names = sharedNames(model);
  const errorTypes = hasType
    ? `
/** Every error type the ${T} spec documents. */
export type ${T}ErrorType =${literalUnion(model.errorTypes.map((t) => t.type))};
`
    : "";
  const typeShape = `{
  readonly [K in ${T}ErrorType]: {
    readonly statuses: readonly number[];
    readonly description: string;
    readonly inferred?: string;
  };
}`;
  const errorTypesTable = hasType
    ? `
/** Each error type with the HTTP statuses it is used with. */
${table(`${v}ErrorTypes`, tables.errorTypes, typeShape)}
`
    : "";
  const operationsType = `{
  readonly [operation: string]: {
    readonly [status: string]: {
      readonly codes: readonly ${T}ErrorCode[];
      readonly open: boolean;
      readonly headers: { readonly [name: string]: { readonly required: boolean; readonly example?: string } };
    };
  };
}`;
  const codeTypesType = `{
  readonly [C in ${T}ErrorCode]: { readonly type?: ${hasType ? `${T}ErrorType` : "never"} };
}`;
  const successType = `{
  readonly [O in keyof typeof ${v}OperationErrors]: readonly string[];
}`;
  return `${tsHeader()}import { frozen, type ErrorTables } from "../../src/tables.js";
import type { components } from "./schema.js";

/** Every error code the ${T} spec documents. */
export type ${T}ErrorCode =${literalUnion(catalog.map((e) => e.code))};
${errorTypes}
/** The body of each code, as generated from the code's schema. */
export interface ${T}ErrorBodies {
${catalog.map((e) => `  ${e.code}: components["schemas"][${JSON.stringify(e.schema)}];`).join("\n")}
}

export type ${T}ErrorBody<C extends ${T}ErrorCode = ${T}ErrorCode> = ${T}ErrorBodies[C];

/** One entry of the catalog. */
export interface ${T}ErrorEntry<C extends ${T}ErrorCode = ${T}ErrorCode> {
  readonly code: C;
  readonly status: number;${severalStatuses}${hasType ? `\n  readonly type: ${T}ErrorType;` : ""}
  readonly description: string;
  /** Whether the clients retry this status (derived from it with the clients' retry rule). */
  readonly retryable: boolean;
  /** Present when the status or type is this project's choice, not the vendor's: why it was chosen. */
  readonly inferred?: string;
  readonly example: ${T}ErrorBody<C>;
}

/** The server URL of the spec: where the client sends requests unless given \`baseUrl\`. */
export const ${v}ServerUrl = ${JSON.stringify(model.serverUrl)};

${errorDocsConstant(model)}

/** The catalog, keyed by code. */
${table(`${v}Errors`, tables.catalog, `{ readonly [C in ${T}ErrorCode]: ${T}ErrorEntry<C> }`)}

/**
 * Each code with its type: all a client reads of the catalog, so that a bundled client leaves
 * the descriptions and examples out.${hasType ? "" : " This envelope has no type."}
 */
${table(`${v}ErrorCodeTypes`, tables.codeTypes, codeTypesType)}

/** The codes that each HTTP status can carry, across all operations. */
${table(`${v}ErrorCodesByStatus`, tables.codesByStatus, `{ readonly [status: number]: readonly ${T}ErrorCode[] }`)}
${errorTypesTable}${sharedDeclarations(model, names)}
/**
 * For each operation (\`METHOD /path\`), each error status it declares (exact, a \`4XX\`/\`5XX\`
 * range, or \`default\`), with the codes its body can carry; \`open\` marks a status whose body
 * may be the envelope with an undocumented code; \`headers\` are the response's declared headers.
 * An operation the vendor does not document carries its \`**Inferred:**\` note.
 */
export const ${v}OperationErrors = ${operationTable(model, notes, names)} satisfies ${operationsType};

/**
 * Each operation's success statuses, which the server kit's checker holds success responses to.
 * Typed by the operation table's keys, so an operation the vendor does not document shows its
 * \`**Inferred:**\` note here too.
 */
export const ${v}SuccessStatuses: ${successType} = ${frozenTable(tables.successStatuses, "} = ".length)};

/** Where the envelope's fields sit in an error body (path segments). */
${table(`${v}ErrorEnvelope`, tables.envelope)}

/** The header that carries the request id (null: none), and whether every 429 carries \`Retry-After\`. */
${table(`${v}ErrorPolicy`, tables.policy)}

/** The tables the test kit and the server kit read, as one object. */
export const ${v}ErrorTables = /* @__PURE__ */ frozen({
  api: ${JSON.stringify(model.name)},
  envelope: ${v}ErrorEnvelope,
  policy: ${v}ErrorPolicy,
  catalog: ${v}Errors,
  operations: ${v}OperationErrors,${hasType ? `\n  errorTypes: ${v}ErrorTypes,` : ""}
  successStatuses: ${v}SuccessStatuses,
}) satisfies ErrorTables;

/** Whether a value is a code this catalog knows (a newer server may send others). */
export function is${T}ErrorCode(value: unknown): value is ${T}ErrorCode {
  return typeof value === "string" && Object.hasOwn(${v}ErrorCodeTypes, value);
}
`;
}

/** The vendor's page about its errors: the errors' \`docsUrl\` unless the client is given \`docsBaseUrl\`. */
function errorDocsConstant({ valueName: v, title, errorDocs }: Contract): string {
  const note = errorDocs
    ? `${title}'s own page about its errors, "${errorDocs.description}": the errors' \`docsUrl\` by default.`
    : `${title} has no page about its errors: errors have a \`docsUrl\` only with \`docsBaseUrl\`.`;
  return `${jsDoc(note, "")}export const ${v}ErrorDocsUrl: string | undefined = ${JSON.stringify(errorDocs?.url)};`;
}
