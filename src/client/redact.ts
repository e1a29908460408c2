/**
 * Keeps the credentials a call sent out of everything its error carries: its message, body,
 * cause chain and JSON form. The client never puts a credential on an error; these functions
 * guard against a server or a custom `fetch` echoing one back. They are applied to what came
 * back (the body, the headers, what fetch threw), never to what the client writes itself (the
 * operation, `docsUrl`).
 *
 * A secret is removed in each form an echo gives it: as sent, upper- or lower-cased,
 * URL-encoded, and inside base64 or base64url text. A long one (LONG characters or more) is
 * removed wherever it occurs, glued to a word too; a short one only where it stands as a value,
 * a whole string or a token in text: a key such as `"k"` then leaves `task_not_found` alone,
 * while `Bearer k`, `"k"`, `key=k` and `Bearer%20k` lose it.
 */
const REDACTED = "[redacted]";

/** From this length on, a secret's form found inside a word is the secret, not a coincidence. */
const LONG = 8;

/** The secrets of one call, compiled: `find` tells whether a string holds one, `all` replaces each. */
export interface Secrets {
  /** Every form of every secret, the longer first. */
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

/** The forms a secret takes in what is echoed back: as sent, cased, URL-encoded, and inside base64 text. */
export function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const forms = [secret, secret.toUpperCase(), secret.toLowerCase(), encoded, encoded.toLowerCase()];
  if (secret.length >= LONG) forms.push(...base64Cores(secret));
  return [...new Set(forms)];
}

/**
 * What base64 and base64url make of `secret` wherever it stands in the encoded text: for each of
 * the three ways its bytes can fall into base64's groups of three, the characters that depend
 * on its bytes alone (the ones at either end mix in the bytes around it).
 */
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const core = btoa(binary).slice(Math.ceil((8 * offset) / 6), Math.floor((8 * binary.length) / 6));
    cores.push(core, core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return cores;
}

/** Compiles the secrets (empty ones ignored) into their forms; undefined when there is none. */
export function compileSecrets(secrets: string | Iterable<string> | undefined): Secrets | undefined {
  const given = [...(typeof secrets === "string" ? [secrets] : (secrets ?? []))].filter(Boolean);
  const list = [...new Set(given.flatMap(formsOf))];
  if (!list.length) return undefined;
  // Longer first, so that a secret that contains another is removed whole.
  list.sort((a, b) => b.length - a.length);
  // A run of one form repeated counts as a token too (`<key><key>`); the word test applies at its ends.
  const bounded = (s: string, test: boolean, bound: string) => (test && s.length < LONG ? bound : "");
  const tokens = list.map(
    (s) => `${bounded(s, WORD.test(s[0]!), BEFORE)}(?:${escapeRegExp(s)})+${bounded(s, WORD.test(s.at(-1)!), AFTER)}`,
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
 * chain and the secrets removed. The original (say, undici's error with its socket, or an
 * object holding the request's `Headers`) is dropped: whatever else it holds could show a
 * secret in `util.inspect`. A value that is not an `Error` becomes one made of its string form.
 */
export function redactCause(thrown: unknown, secrets: SecretsLike, depth = 0): Error {
  const scrubbed = compiled(secrets);
  if (!(thrown instanceof Error)) return new Error(redact(stringForm(thrown), scrubbed));
  const { name, message, cause, code } = thrown as Error & { code?: unknown };
  const chain = cause !== undefined && depth < CAUSE_DEPTH;
  const inner = chain ? { cause: redactCause(cause, scrubbed, depth + 1) } : undefined;
  const copy = new Error(redact(message, scrubbed), inner);
  // The copy's stack is where the client made it; the original's could quote a secret.
  const fields = { name: redact(name, scrubbed), ...(typeof code === "string" && { code: redact(code, scrubbed) }) };
  return Object.assign(copy, fields);
}

/** `String(value)`, or a fixed text for a value that has none (an object without a prototype). */
function stringForm(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "a thrown value with no string form";
  }
}

/** How many characters of a secret in a row make a piece of it. */
const PIECE = 3;

/**
 * Whether `text` holds a piece of a secret: PIECE characters of a form in a row (all of a
 * shorter form), or a quoted part that ends with a form's first characters or begins with its
 * last ones. For a message that quotes text cut short (a JSON parse error quotes the first
 * characters of the body), where a cut secret is not there whole for scrubbing to find.
 */
export function touchesSecret(text: string, secrets: SecretsLike): boolean {
  const quoted = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!);
  const cut = (form: string, part: string): boolean => {
    for (let n = 1; n <= Math.min(form.length, part.length); n++) {
      if (part.endsWith(form.slice(0, n)) || part.startsWith(form.slice(-n))) return true;
    }
    return false;
  };
  return (compiled(secrets)?.list ?? []).some((form) => {
    const n = Math.min(PIECE, form.length);
    for (let i = 0; i + n <= form.length; i++) if (text.includes(form.slice(i, i + n))) return true;
    return quoted.some((part) => cut(form, part));
  });
}

/**
 * The secrets of each call of a client, from the headers and the URL the call sent: compiled
 * once for the client's own credentials, and for a call that sends others once per set of them
 * (the last few sets are kept: a per-call key is often the same from call to call).
 */
export function secretsFor(
  clientHeaders: Headers,
  always: readonly string[] = [],
): (sent: Headers, url?: string) => Secrets | undefined {
  // `always`: the client's key as given, wherever the API takes it (a header of any name, the query).
  const own = [...credentialsIn(clientHeaders), ...always.filter(Boolean)];
  const secrets = compileSecrets(own);
  const recent = new Map<string, Secrets | undefined>();
  return (sent, url) => {
    const added = [...credentialsIn(sent), ...credentialsInUrl(url)].filter((c) => !own.includes(c));
    if (!added.length) return secrets;
    const key = added.join("\0");
    if (!recent.has(key)) {
      if (recent.size >= 16) recent.delete(recent.keys().next().value!);
      recent.set(key, compileSecrets([...own, ...added]));
    }
    return recent.get(key);
  };
}

/** Headers whose whole value is a credential: a key, a token, a secret or a password in their name. */
const CREDENTIAL_HEADER = /api-?key|token|secret|password/i;

/** Whether a header carries a credential, by its name: what a recording must never keep. */
export function isCredentialHeader(name: string): boolean {
  return /^(proxy-)?authorization$|^(set-)?cookie$/i.test(name) || CREDENTIAL_HEADER.test(name);
}

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

/** Query parameters whose value is a credential: `key`, `token`, `secret`, `password`, `…_key`, `…_token`. */
const CREDENTIAL_QUERY = /^(api[-_]?key|key|token|access[-_]token|secret|password|.+[-_](key|token))$/i;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
};

/**
 * The values of a URL's query parameters named for a credential (`?api_key=…`, `&access_token=…`),
 * each as written in the URL and decoded.
 */
export function credentialsInUrl(url: string | undefined): string[] {
  const found: string[] = [];
  // Most URLs a client calls have no query: nothing to split then.
  if (!url?.includes("?")) return found;
  const query = url.split("#")[0]?.split("?")[1] ?? "";
  for (const pair of query ? query.split("&") : []) {
    const at = pair.indexOf("=");
    const value = at < 0 ? "" : pair.slice(at + 1);
    if (!value || !CREDENTIAL_QUERY.test(decode(pair.slice(0, at)))) continue;
    found.push(...new Set([value, decode(value)]));
  }
  return found;
}
