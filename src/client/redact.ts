/**
 * Keeps the credentials a call sent out of everything its error carries: its message, body,
 * cause chain and JSON form. The client never puts a credential on an error; these functions
 * guard against a server or a custom `fetch` echoing one back. They are applied to what came
 * back (the body, the headers, what fetch threw), never to what the client writes itself (the
 * operation, `docsUrl`).
 *
 * A secret is removed where it stands as a value: a whole string, or a token in text, not the
 * middle of a word. A key such as `"k"` then leaves `task_not_found` alone, while
 * `Bearer k`, `"k"`, `key=k` and `Bearer%20k` lose it.
 */
const REDACTED = "[redacted]";

/** The secrets of one call, compiled: `find` tells whether a string holds one, `all` replaces each. */
export interface Secrets {
  readonly list: readonly string[];
  readonly find: RegExp;
  readonly all: RegExp;
  readonly each: RegExp;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
const WORD = /[A-Za-z0-9]/;
// Before a secret: the start, a character that ends a word, or a percent-escape (`Bearer%20<key>`).
const BEFORE = "(?<=^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2})";
const AFTER = "(?![A-Za-z0-9])";

/** Compiles the secrets (empty ones ignored); undefined when there is none. */
export function compileSecrets(secrets: string | Iterable<string> | undefined): Secrets | undefined {
  const list = [...new Set(typeof secrets === "string" ? [secrets] : (secrets ?? []))].filter(Boolean);
  if (!list.length) return undefined;
  // Longer first, so that a secret that contains another is removed whole.
  list.sort((a, b) => b.length - a.length);
  // A run of one secret repeated counts as a token too (`<key><key>`); the word test applies at its ends.
  const tokens = list.map(
    (s) => `${WORD.test(s[0]!) ? BEFORE : ""}(?:${escapeRegExp(s)})+${WORD.test(s.at(-1)!) ? AFTER : ""}`,
  );
  const source = tokens.join("|");
  const each = new RegExp(list.map(escapeRegExp).join("|"), "g");
  return { list, find: new RegExp(source), all: new RegExp(source, "g"), each };
}

const scrub = (text: string, secrets: Secrets): string =>
  text.replace(secrets.all, (run) => run.replace(secrets.each, REDACTED));

/** Whether a secret stands in `text`; a plain search first, as nearly every string holds none. */
const holds = (text: string, secrets: Secrets): boolean =>
  secrets.list.some((s) => text.includes(s)) && secrets.find.test(text);

/** Whether a secret occurs in `value`'s strings or keys; nesting too deep to look into counts as yes. */
function leaks(value: unknown, secrets: Secrets, depth: number): boolean {
  if (typeof value === "string") return holds(value, secrets);
  if (typeof value !== "object" || value === null) return false;
  if (depth > 32) return true;
  for (const key in value) {
    if (holds(key, secrets) || leaks((value as Record<string, unknown>)[key], secrets, depth + 1)) return true;
  }
  return false;
}

/** Secrets compiled, or the raw strings to compile. */
export type SecretsLike = Secrets | string | readonly string[] | undefined;

const isCompiled = (secrets: SecretsLike): secrets is Secrets => typeof secrets === "object" && !Array.isArray(secrets);
const compiled = (secrets: SecretsLike): Secrets | undefined =>
  isCompiled(secrets) ? secrets : compileSecrets(secrets);

/**
 * `value` with every secret in its strings (keys included) replaced: a copy if a secret occurs
 * in it, else `value` itself. Bodies almost never quote a secret, and the look costs no
 * allocation, where a copy would on every failed call.
 */
export function redact<T>(value: T, secrets: SecretsLike, depth = 0): T {
  const compiledSecrets = compiled(secrets);
  if (!compiledSecrets || !leaks(value, compiledSecrets, depth)) return value;
  if (typeof value === "string") return scrub(value, compiledSecrets) as T;
  // Nothing legitimate is nested this deep; dropping it beats a stack overflow.
  if (depth > 32) return REDACTED as T;
  const inner = <V>(item: V): V => redact(item, compiledSecrets, depth + 1);
  if (Array.isArray(value)) return value.map(inner) as T;
  // fromEntries defines properties, so a `__proto__` key from JSON stays a plain key.
  const entries = Object.entries(value as object).map(([key, item]) => [scrub(key, compiledSecrets), inner(item)]);
  return Object.fromEntries(entries) as T;
}

/** How many causes deep a copy goes; a longer chain is cut (never copied with a secret in it). */
const CAUSE_DEPTH = 4;

/**
 * A plain `Error` standing in for a thrown value, with its name, message, `code` and cause
 * chain and the secrets removed. The original (say, undici's error with its socket) is dropped:
 * whatever else it holds could show a secret in `util.inspect`.
 */
export function redactCause(thrown: unknown, secrets: SecretsLike, depth = 0): unknown {
  const scrubbed = compiled(secrets);
  if (!(thrown instanceof Error)) return redact(thrown, scrubbed);
  const { name, message, cause, code } = thrown as Error & { code?: unknown };
  const chain = cause !== undefined && depth < CAUSE_DEPTH;
  const inner = chain ? { cause: redactCause(cause, scrubbed, depth + 1) } : undefined;
  const copy = new Error(redact(message, scrubbed), inner);
  // The copy's stack is where the client made it; the original's could quote a secret.
  const fields = { name: redact(name, scrubbed), ...(typeof code === "string" && { code: redact(code, scrubbed) }) };
  return Object.assign(copy, fields);
}

/**
 * The secrets of each call of a client, from the headers the call sent: compiled once for the
 * client's own credentials, and again only for a call that sends others.
 */
export function secretsFor(clientHeaders: Headers): (sent: Headers) => Secrets | undefined {
  const own = credentialsIn(clientHeaders);
  const secrets = compileSecrets(own);
  return (sent) => {
    const added = credentialsIn(sent).filter((c) => !own.includes(c));
    return added.length ? compileSecrets([...own, ...added]) : secrets;
  };
}

/** Headers whose whole value is a credential: a key, a token, a secret or a password in their name. */
const CREDENTIAL_HEADER = /api-?key|token|secret|password/i;

/**
 * The credentials in the headers a call sends: the credentials of `Authorization` and
 * `Proxy-Authorization` (after the scheme), each cookie's value, and the value of any header
 * named for a key, token, secret or password.
 */
export function credentialsIn(headers: Headers): string[] {
  const found: string[] = [];
  headers.forEach((value, name) => {
    // Trimmed first: Headers strips only spaces and tabs, and the scheme must lead for the cut to find it.
    if (name === "authorization" || name === "proxy-authorization") found.push(value.trim().replace(/^\S+\s+/, ""));
    else if (name === "cookie") found.push(...value.split(";").map((pair) => pair.slice(pair.indexOf("=") + 1).trim()));
    else if (CREDENTIAL_HEADER.test(name)) found.push(value.trim());
  });
  return found.filter(Boolean);
}
