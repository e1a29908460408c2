// Failed calls whose server or fetch echoes a credential back: the client's key, a call's key
// header or a key in the query, each as sent, URL-encoded, in base64 or base64url at any
// alignment, upper- or lower-cased, glued to a word, or at the start of a 2xx body that is not
// JSON (whose parse error quotes it cut short), in the body, a header or what fetch throws. Every
// combination once: no rendering of any error holds a piece of a secret. The leak check is written
// apart from the redaction: it looks for any six characters of a secret in a row, in any case,
// also once percent escapes are decoded and inside base64 text.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";

// Characters that URL-encoding and base64's two alphabets treat differently, in each.
const KEY = "sk_live/Q8x+Zt2Lw9=Vb7Rk";
const HEADER_KEY = "hdr_Tn4~Wq6!Ys1Mp";
const QUERY_KEY = "qry_Fj3&Hd8=Ku5Ne";
const SECRETS = [KEY, HEADER_KEY, QUERY_KEY];

// ---- The leak check. ----

/** How many characters of a secret in a row are a leak; chance puts six of one nowhere else. */
const WINDOW = 6;
const windows = SECRETS.flatMap((secret) =>
  Array.from({ length: secret.length - WINDOW + 1 }, (_, i) => secret.slice(i, i + WINDOW)),
);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** A window in any case, in the text or in its percent-decoded form. */
const PLAIN = new RegExp(windows.map(escapeRegExp).join("|"), "i");
/**
 * A window inside base64 or base64url text: for each of the three places its bytes can take in
 * base64's groups of three, the characters that hold those bytes and no others (Buffer's encoder).
 */
const ENCODED = new RegExp(
  windows
    .flatMap((window) =>
      [0, 1, 2].map((offset) => {
        const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(window)]);
        const text = bytes.toString("base64");
        return text.slice(Math.ceil((offset * 8) / 6), Math.floor((bytes.length * 8) / 6));
      }),
    )
    .flatMap((core) => [core, core.replaceAll("+", "-").replaceAll("/", "_")])
    .map(escapeRegExp)
    .join("|"),
);

/**
 * Whether the error's renderings hold a piece of a secret: `inspect` shows everything (message,
 * stack, own and hidden fields, the cause chain), JSON what a logger writes.
 */
function leaks(error: unknown): string | undefined {
  const shown = `${inspect(error, { depth: Infinity, showHidden: true })}\n${JSON.stringify(error) ?? ""}`;
  const decode = (_: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16));
  for (const text of shown.includes("%") ? [shown, shown.replace(/%([0-9a-f]{2})/gi, decode)] : [shown]) {
    const found = PLAIN.exec(text) ?? ENCODED.exec(text);
    if (found) return `${found[0]} in ${text}`;
  }
  return undefined;
}

describe("the leak check", () => {
  it.each([
    ["as sent", `x ${KEY}`],
    ["URL-encoded", encodeURIComponent(QUERY_KEY)],
    ["base64 after a byte", Buffer.from(`x${HEADER_KEY}`).toString("base64")],
    ["base64url after two bytes", Buffer.from(`xy${KEY}`).toString("base64url")],
    ["upper-cased, six characters of it", KEY.slice(3, 9).toUpperCase()],
  ])("finds a secret %s", (_, text) => expect(leaks(new Error(text))).toBeDefined());

  it("finds none in the client's own words", () => {
    expect(leaks(new Error("GET /tasks failed: network error (fetch failed: [redacted])"))).toBeUndefined();
  });
});

// ---- The echoes. ----

type Form = (secret: string, prefix: string) => string;
const FORMS: Record<string, Form> = {
  "as sent": (s, p) => `${p} ${s}`,
  "URL-encoded": (s, p) => encodeURIComponent(`${p}${s}`),
  base64: (s, p) => Buffer.from(`${p}${s}`).toString("base64"),
  base64url: (s, p) => Buffer.from(`${p}${s}`).toString("base64url"),
  "upper-cased": (s, p) => `${p}${s}`.toUpperCase(),
  "lower-cased": (s, p) => `${p} ${s}`.toLowerCase(),
  "glued to a word": (s, p) => `${p}x${s}9`,
};
const PREFIXES = ["", "a", "Bearer ", "ke", "key=", '{"t":"'];
const PLACES = ["body message", "body key", "body text", "request id header", "parse", "thrown"] as const;
const THROWN = ["error", "cause chain", "object", "string"] as const;
const STATUSES = [401, 404, 418, 429, 500, 502, 503];

interface Echo {
  readonly secret: number;
  readonly form: string;
  /** Of 0 to 3 bytes and more: puts the secret at each alignment of base64's groups. */
  readonly prefix: string;
  readonly place: (typeof PLACES)[number];
  readonly thrown: (typeof THROWN)[number];
  readonly status: number;
}

/**
 * Every echo once. A field the place does not read keeps one value: a 2xx body that is not JSON
 * has neither form nor status, and what fetch throws has no status.
 */
function* echoes(): Generator<Echo> {
  for (const place of PLACES) {
    const forms = place === "parse" ? ["as sent"] : Object.keys(FORMS);
    const statuses = place === "parse" || place === "thrown" ? [500] : STATUSES;
    const throwns = place === "thrown" ? THROWN : THROWN.slice(0, 1);
    for (const secret of SECRETS.keys())
      for (const form of forms)
        for (const prefix of PREFIXES)
          for (const status of statuses)
            for (const thrown of throwns) yield { secret, form, prefix, place, thrown, status };
  }
}
const ECHOES = [...echoes()];

/** What the server or the fetch does with the secret the call sent. */
function answer({ form, prefix, place, thrown, status }: Echo, secret: string, request: Request): Response {
  const text = FORMS[form]!(secret, prefix);
  const json = { "content-type": "application/json" };
  switch (place) {
    case "body message":
      return Response.json({ kind: "token_invalid", message: `Rejected ${text}` }, { status, headers: json });
    case "body key":
      return Response.json({ kind: "task_not_found", message: "m", [text]: [text] }, { status });
    case "body text":
      return new Response(`<p>${text}</p>`, { status, headers: { "content-type": "text/html" } });
    case "request id header":
      return Response.json({ kind: "internal_error", message: "m" }, { status, headers: { "x-request-id": text } });
    case "parse":
      // A 2xx body that is not JSON: its parse error quotes its first characters.
      return new Response(`${prefix}${secret} trailing`, { status: 200, headers: json });
    case "thrown":
      if (thrown === "string") throw text;
      if (thrown === "object") throw { request, headers: request.headers, toString: () => `failed: ${text}` };
      if (thrown === "cause chain") {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error(text), { code: text }) });
      }
      throw new Error(`fetch of ${request.url} failed: ${text}`);
  }
}

describe(`the ${ECHOES.length} calls that echo a credential back`, () => {
  it("leave no piece of one in any error", async () => {
    let current: Echo | undefined;
    const fetch = async (request: Request): Promise<Response> => {
      const sent = [
        request.headers.get("authorization")!.replace("Bearer ", ""),
        request.headers.get("x-api-token")!,
        new URL(request.url).searchParams.get("api_key")!,
      ];
      if (sent.join() !== SECRETS.join()) throw new Error(`The call sent ${sent.join()}`);
      return answer(current!, sent[current!.secret]!, request);
    };
    const client = createIttybitClient({ apiKey: KEY, baseUrl: "https://api.test", retry: false, fetch });
    const init = { params: { query: { api_key: QUERY_KEY } as never }, headers: { "X-Api-Token": HEADER_KEY } };
    const leaked: string[] = [];
    // Stacks of one line (name and message): their frames are code locations, and mapping them
    // to sources on each error would cost more than everything else.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const echo of ECHOES) {
        current = echo;
        const { error } = await client.GET("/tasks", init);
        // Plain checks: vitest's expect on each call would cost more than the call.
        if (error === undefined) leaked.push(`No error for ${JSON.stringify(echo)}`);
        const leak = leaks(error);
        if (leak !== undefined) leaked.push(`A secret leaked (${JSON.stringify(echo)}): ${leak}`);
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
    expect(leaked.slice(0, 5)).toEqual([]);
  });
});
