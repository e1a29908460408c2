/** The widest line a generated literal is written on. */
const WIDTH = 120;

export interface LiteralOptions {
  /** The indent of the line the value starts on. */
  readonly indent?: string;
  /** The column the value starts at (default: after the indent). */
  readonly column?: number;
  /**
   * A JSDoc comment for top-level keys: TypeScript keeps it in the declarations and shows it on
   * hover, also on the keys of types mapped from the constant's.
   */
  readonly notes?: ReadonlyMap<string, string>;
  /** Values written by name instead (by identity): declarations the module writes once. */
  readonly names?: ReadonlyMap<unknown, string>;
}

/**
 * Writes a JSON value as a TypeScript literal: on one line when it fits within the width, else
 * one member a line. Generated tables pass it to `frozen` (src/tables.js), which freezes it once
 * and keeps its literal types.
 */
export function literal(value: unknown, options: LiteralOptions = {}): string {
  const { indent = "", column = indent.length, notes = new Map(), names = new Map() } = options;
  const flat = flatLiteral(value, names);
  // The member's comma (or the statement's end) follows the value.
  if (column + flat.length < WIDTH && notes.size === 0) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${literal(v, { indent: inner, names })},\n`).join("")}${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const members = Object.entries(value).map(([k, v]) => {
      const key = `${propertyKey(k)}: `;
      const written = literal(v, { indent: inner, column: inner.length + key.length, names });
      return `${jsDoc(notes.get(k), inner)}${inner}${key}${written},\n`;
    });
    return `{\n${members.join("")}${indent}}`;
  }
  return flat;
}

/**
 * A generated table: the literal passed once to `frozen` (src/tables.js), marked pure so that a
 * bundler drops the table when nothing uses it. `column` is where the expression starts.
 */
export function frozenTable(value: unknown, column: number, options: Omit<LiteralOptions, "column"> = {}): string {
  const call = "/* @__PURE__ */ frozen(";
  // One more column for the closing parenthesis, besides what follows it.
  return `${call}${literal(value, { ...options, column: column + call.length + 1 })})`;
}

/** The same literal on one line. */
function flatLiteral(value: unknown, names: ReadonlyMap<unknown, string>): string {
  const name = names.get(value);
  if (name !== undefined) return name;
  if (Array.isArray(value)) return `[${value.map((v) => flatLiteral(v, names)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${flatLiteral(v, names)}`);
    return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** A key as an object literal writes it: bare when it is an identifier, else quoted. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** A JSDoc line with `note` (nothing without one), at `indent`. */
export function jsDoc(note: string | undefined, indent: string): string {
  return note === undefined ? "" : `${indent}/** ${note.replaceAll("*/", "*\\/")} */\n`;
}

/**
 * Members written several to a line, as far as the width allows, each followed by a comma; a
 * member that `alone` picks (by default, one that spans lines) has a line of its own.
 */
export function packed(
  members: readonly string[],
  indent: string,
  alone: (member: string) => boolean = (member) => member.includes("\n"),
): string {
  const lines: string[] = [];
  let open = false;
  for (const member of members) {
    const joined = `${lines.at(-1)} ${member},`;
    if (open && !alone(member) && joined.length < WIDTH) lines[lines.length - 1] = joined;
    else lines.push(`${indent}${member},`);
    open = !alone(member);
  }
  return lines.map((line) => `${line}\n`).join("");
}

/** A union of string literals, one per line, or `never`. */
export function literalUnion(values: readonly string[], indent = "  "): string {
  return values.length === 0 ? "never" : values.map((v) => `\n${indent}| ${JSON.stringify(v)}`).join("");
}
