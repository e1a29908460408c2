import { sameHeaderName } from "../tables.js";

/**
 * Response headers as the frameworks hand them over: a fetch `Headers` (or anything with
 * `get`), or a plain record whose values are strings or lists (Node's `res.getHeaders()`).
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | { readonly [name: string]: string | number | readonly string[] | undefined };

/** The value of header `name` (any case), lists joined with ", "; undefined when absent or unreadable. */
export function headerOf(headers: HeadersLike | undefined, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  if (typeof headers.get === "function") {
    try {
      return (headers as { get(name: string): unknown }).get(name)?.toString() ?? undefined;
    } catch {
      return undefined;
    }
  }
  for (const [key, value] of Object.entries(headers)) {
    if (!sameHeaderName(key, name)) continue;
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join(", ");
  }
  return undefined;
}
