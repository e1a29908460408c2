/**
 * Keeps the API key out of everything an error carries: its message, body, cause chain and
 * JSON form. The client never puts the key on an error; these functions guard against a
 * server or a custom `fetch` echoing it back.
 */
const REDACTED = "[redacted]";

/** Whether `secret` occurs in `value`'s strings or keys; nesting too deep to look into counts as yes. */
function leaks(value: unknown, secret: string, depth: number): boolean {
  if (typeof value === "string") return value.includes(secret);
  if (typeof value !== "object" || value === null) return false;
  if (depth > 32) return true;
  for (const key in value) if (key.includes(secret) || leaks((value as Record<string, unknown>)[key], secret, depth + 1)) return true;
  return false;
}

/**
 * `value` with every occurrence of `secret` in its strings (keys included) replaced: a copy if
 * the secret occurs in it, else `value` itself. Bodies almost never quote the key, and the
 * look costs no allocation, where a copy would on every failed call.
 */
export function redact<T>(value: T, secret: string | undefined, depth = 0): T {
  if (!secret || !leaks(value, secret, depth)) return value;
  if (typeof value === "string") return value.replaceAll(secret, REDACTED) as T;
  // Nothing legitimate is nested this deep; dropping it beats a stack overflow.
  if (depth > 32) return REDACTED as T;
  if (Array.isArray(value)) return value.map((item) => redact(item, secret, depth + 1)) as T;
  // fromEntries defines properties, so a `__proto__` key from JSON stays a plain key.
  return Object.fromEntries(Object.entries(value as object).map(([key, item]) => [redact(key, secret), redact(item, secret, depth + 1)])) as T;
}

/**
 * A plain `Error` standing in for a thrown value, with its name, message, `code` and cause
 * chain and the key removed. The original (say, undici's error with its socket) is dropped:
 * whatever else it holds could show the key in `util.inspect`.
 */
export function redactCause(thrown: unknown, secret: string | undefined, depth = 0): unknown {
  if (!(thrown instanceof Error)) return redact(thrown, secret);
  const { name, message, cause, code } = thrown as Error & { code?: unknown };
  const copy = new Error(redact(message, secret), cause === undefined || depth > 3 ? undefined : { cause: redactCause(cause, secret, depth + 1) });
  // The copy's stack is where the client made it; the original's could quote the key.
  return Object.assign(copy, { name: redact(name, secret) }, typeof code === "string" ? { code: redact(code, secret) } : {});
}
