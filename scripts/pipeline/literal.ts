/**
 * Writes a JSON value as a deeply frozen TypeScript literal with `as const`, so the
 * generated constants are immutable at run time and keep their literal types. `notes` puts a
 * JSDoc comment on top-level keys: TypeScript keeps it in the declarations and shows it on hover,
 * also on the keys of types mapped from the constant's.
 */
export function frozenLiteral(value: unknown, indent = "", notes: ReadonlyMap<string, string> = new Map()): string {
  const flat = flatLiteral(value);
  if (flat.length <= 100 - indent.length && notes.size === 0) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => inner + frozenLiteral(v, inner)).join(",\n");
    return `/* @__PURE__ */ Object.freeze([\n${items},\n${indent}] as const)`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    const note = (key: string) => {
      const text = notes.get(key);
      return text === undefined ? "" : `${inner}/** ${text.replaceAll("*/", "*\\/")} */\n`;
    };
    const body = entries.map(([k, v]) => `${note(k)}${inner}${propertyKey(k)}: ${frozenLiteral(v, inner)}`).join(",\n");
    return `/* @__PURE__ */ Object.freeze({\n${body},\n${indent}} as const)`;
  }
  return JSON.stringify(value);
}

/** The same literal on one line; used when it is short enough to read at a glance. */
function flatLiteral(value: unknown): string {
  if (Array.isArray(value)) return `/* @__PURE__ */ Object.freeze([${value.map(flatLiteral).join(", ")}] as const)`;
  if (typeof value === "object" && value !== null) {
    const body = Object.entries(value)
      .map(([k, v]) => `${propertyKey(k)}: ${flatLiteral(v)}`)
      .join(", ");
    return `/* @__PURE__ */ Object.freeze({ ${body} } as const)`.replace("{  }", "{}");
  }
  return JSON.stringify(value);
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** A union of string literals, one per line, or `never`. */
export function literalUnion(values: readonly string[], indent = "  "): string {
  return values.length === 0 ? "never" : values.map((v) => `\n${indent}| ${JSON.stringify(v)}`).join("");
}
