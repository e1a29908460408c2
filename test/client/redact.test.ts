import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import {
  compileSecrets,
  credentialsIn,
  credentialsInUrl,
  formsOf,
  redact,
  redactCause,
  secretsFor,
  touchesSecret,
} from "../../src/client/redact.js";

const KEY = "sk_secret";
/** `leaf` inside `levels` arrays: it sits at depth `levels`. */
const nest = (leaf: unknown, levels: number): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe("redact", () => {
  it.each([
    ["Bearer sk_secret", "Bearer [redacted]"],
    ["sk_secretsk_secret", "[redacted][redacted]"],
    [
      ["a", "x sk_secret"],
      ["a", "x [redacted]"],
    ],
    [
      { a: { b: ["sk_secret"] }, sk_secret: 1 },
      { a: { b: ["[redacted]"] }, "[redacted]": 1 },
    ],
    [{ sk_secret: 1 }, { "[redacted]": 1 }],
    [{ a: { "Bearer sk_secret": true } }, { a: { "Bearer [redacted]": true } }],
    ["key=sk_secret&x=1", "key=[redacted]&x=1"],
    ['{"token":"sk_secret"}', '{"token":"[redacted]"}'],
    ["Bearer%20sk_secret", "Bearer%20[redacted]"],
    ["sk_secret.", "[redacted]."],
    [42, 42],
    [null, null],
    [undefined, undefined],
  ])("%j", (value, expected) => {
    expect(redact(value, KEY)).toEqual(expected);
  });

  it.each([
    // A one-letter key (as tests write them) is removed where it stands as a token, and only there.
    ["k", "task_not_found", "task_not_found"],
    ["k", "Bearer k", "Bearer [redacted]"],
    ["k", "k", "[redacted]"],
    ["k", "a k, and kk", "a [redacted], and [redacted][redacted]"],
    ["k", "req_k", "req_[redacted]"],
    ["k", "backup kept", "backup kept"],
    // A secret that begins or ends with punctuation needs no boundary on that side.
    ["-sk", "x-sk", "x[redacted]"],
    // A long one is removed glued to a word too: by chance, 8 characters of a key inside a word are not.
    ["sk_secret", "xsk_secret", "x[redacted]"],
    ["sk_secret", "Bearersk_secret9", "Bearer[redacted]9"],
    ["sk_secre", "tokensk_secre", "token[redacted]"],
    ["sk_secr", "tokensk_secr", "tokensk_secr"],
    ["sk-", "sk-x sk-", "[redacted]x [redacted]"],
    ["a-b", "a-bc a-b", "a-bc [redacted]"],
  ])("with the key %j: %j → %j", (key, value, expected) => {
    expect(redact(value, key)).toBe(expected);
  });

  it("removes each of several secrets, the longer first", () => {
    expect(redact("a=abc b=ab c=PERCALL", ["ab", "abc", "PERCALL"])).toBe("a=[redacted] b=[redacted] c=[redacted]");
    expect(redact({ ab: "abc" }, ["ab", "abc"])).toEqual({ "[redacted]": "[redacted]" });
  });

  it("returns the value itself when there is no secret", () => {
    const body = { a: "sk_secret" };
    expect(redact(body, undefined)).toBe(body);
  });

  it.each([[undefined], [""], [[]], [["", ""]]])("compiles no secret from %j, and scrubs nothing", (secrets) => {
    expect(compileSecrets(secrets)).toBeUndefined();
    const body = { a: "x, y", "": [""] };
    expect(redact(body, secrets)).toBe(body);
    expect(redact("x, y", secrets)).toBe("x, y");
  });

  it("ignores an empty secret beside others", () => {
    expect(redact("x, y", ["", "y"])).toBe("x, [redacted]");
  });

  it("returns the value itself when the secret occurs only inside words", () => {
    const body = { code: "task_not_found", note: ["backup kept"] };
    expect(redact(body, "k")).toBe(body);
  });

  it("copies only what contains the secret, and returns the rest as it is", () => {
    const clean = { a: ["x", { b: 1 }] };
    expect(redact(clean, KEY)).toBe(clean);
    const mixed = { leak: { b: "sk_secret" }, clean };
    const copy = redact(mixed, KEY);
    expect(copy).toEqual({ leak: { b: "[redacted]" }, clean });
    expect(copy).not.toBe(mixed);
    expect(copy.clean).toBe(clean);
    expect(mixed.leak.b).toBe("sk_secret");
  });

  it("keeps a __proto__ key from JSON as a plain key", () => {
    const copy = redact(JSON.parse('{"__proto__": {"polluted": "sk_secret"}}') as object, KEY);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, "__proto__")).toBe(true);
  });

  it.each([[42], [null], [true], ["x"]])(
    "looks 33 levels deep: %j there is kept, and the value itself returned",
    (leaf) => {
      const value = nest(leaf, 33);
      expect(redact(value, KEY)).toBe(value);
    },
  );

  it("scrubs a secret 33 levels deep, and cuts anything deeper", () => {
    expect(redact(nest(KEY, 33), KEY)).toEqual(nest("[redacted]", 33));
    expect(redact(nest(KEY, 34), KEY)).toEqual(nest("[redacted]", 33));
    // Too deep to look into counts as holding a secret.
    expect(redact(nest("x", 34), KEY)).toEqual(nest("[redacted]", 33));
  });

  it("survives nesting deeper than any real body", () => {
    let deep: unknown = "sk_secret";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(JSON.stringify(redact(deep, KEY))).not.toContain(KEY);
  });
});

describe("redactCause", () => {
  it("copies name, message, code and causes, without the key or anything else", () => {
    const original = Object.assign(new TypeError("failed for sk_secret", { cause: new Error("inner sk_secret") }), {
      code: "ECONNRESET",
      socket: { key: KEY },
    });
    const copy = redactCause(original, KEY) as Error & { code?: string; socket?: unknown };
    expect(copy).not.toBe(original);
    expect(copy).toMatchObject({ name: "TypeError", message: "failed for [redacted]", code: "ECONNRESET" });
    expect(copy.socket).toBeUndefined();
    expect((copy.cause as Error).message).toBe("inner [redacted]");
    expect(copy.stack).not.toContain(KEY);
  });

  it("copies and scrubs every level of a cause chain, and cuts it after five", () => {
    let chain: Error | undefined;
    for (let level = 7; level >= 1; level--) {
      chain = Object.assign(new Error(`level ${level} sk_secret`, { cause: chain }), { code: `E${level} sk_secret` });
    }
    const levels: string[] = [];
    for (let e: unknown = redactCause(chain, KEY); e instanceof Error; e = e.cause) {
      levels.push(`${e.message} / ${(e as { code?: string }).code}`);
    }
    expect(levels).toEqual([1, 2, 3, 4, 5].map((level) => `level ${level} [redacted] / E${level} [redacted]`));
  });

  it("adds no cause and no code that the original does not have", () => {
    const copy = redactCause(new Error("plain sk_secret"), KEY) as Error;
    expect(copy.message).toBe("plain [redacted]");
    expect(Object.hasOwn(copy, "cause")).toBe(false);
    expect(Object.hasOwn(copy, "code")).toBe(false);
  });

  it("replaces a value that is not an Error by an Error of its string form, scrubbed", () => {
    const copy = redactCause("abort sk_secret", KEY);
    expect(copy).toBeInstanceOf(Error);
    expect(copy.message).toBe("abort [redacted]");
  });

  it("drops what a thrown object holds: a Request's Authorization header in `throw { request }`", () => {
    const request = new Request("https://api.test/x", { headers: { authorization: `Bearer ${KEY}` } });
    const copy = redactCause({ request, toString: () => `failed ${KEY}` }, KEY);
    expect(copy.message).toBe("failed [redacted]");
    expect(inspect(copy, { depth: Infinity, showHidden: true })).not.toContain(KEY);
    expect(redactCause({ request }, KEY).message).toBe("[object Object]");
  });

  it("gives a value with no string form a fixed message", () => {
    expect(redactCause(Object.create(null), KEY).message).toBe("a thrown value with no string form");
  });
});

describe("formsOf", () => {
  it("gives a short secret as sent, cased and URL-encoded", () => {
    expect(formsOf("k/1")).toEqual(["k/1", "K/1", "k%2F1", "k%2f1"]);
  });

  it("adds, for a long one, what base64 and base64url make of it at each of the three alignments", () => {
    const key = "sk_live?ab>cd";
    const forms = formsOf(key);
    for (const prefix of ["", "x", "xy", "Bearer ", '{"key":"']) {
      const encoded = Buffer.from(`${prefix}${key}"}`).toString("base64");
      expect(forms.some((form) => encoded.includes(form))).toBe(true);
      const url = Buffer.from(`${prefix}${key}"}`).toString("base64url");
      expect(forms.some((form) => url.includes(form))).toBe(true);
    }
  });
});

describe("each form of a secret", () => {
  const key = "Sk_live/0123+abc=";
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const b64url = (text: string) => Buffer.from(text).toString("base64url");
  it.each([
    ["URL-encoded", `?key=${encodeURIComponent(key)}&x=1`],
    ["URL-encoded, lower-case hex", `?key=${encodeURIComponent(key).toLowerCase()}`],
    ["upper-cased", `AUTHORIZATION: BEARER ${key.toUpperCase()}`],
    ["lower-cased", `authorization: bearer ${key.toLowerCase()}`],
    ["base64", b64(`Bearer ${key}`)],
    ["base64, one byte on", b64(`xBearer ${key}`)],
    ["base64, two bytes on", b64(`xyBearer ${key}`)],
    ["base64url", b64url(`{"token":"${key}"}`)],
    ["glued to a word", `token${key}9`],
  ])("is removed: %s", (_, text) => {
    const scrubbed = redact(text, key);
    expect(scrubbed).toContain("[redacted]");
    for (const form of [key, key.toUpperCase(), encodeURIComponent(key), b64(key).slice(0, 12)]) {
      expect(scrubbed).not.toContain(form);
    }
  });

  it("of a short key is removed only where it stands as a token", () => {
    expect(redact("K task_not_found BACKUP k%20", "k")).toBe("[redacted] task_not_found BACKUP [redacted]%20");
  });
});

describe("touchesSecret", () => {
  const key = "ittybit_live_SECRET_0123456789";
  const parseError = (body: string): string => {
    try {
      JSON.parse(body);
    } catch (error) {
      return (error as Error).message;
    }
    return "";
  };
  it.each([
    ["a body that starts with the key", parseError(`${key} is not JSON`), true],
    ["a body whose quoted start cuts the key", parseError(`Bearer ${key}`), true],
    ["a quoted part that ends with the key's first character", "Unexpected token 'B', \"Bearer xi\"... is not", true],
    ["three characters of the key in a row", "…_li…", true],
    ["a body that holds no part of it", parseError("<html>Bad gateway</html>"), false],
    ["the empty body's error", parseError(""), false],
  ])("%s → %s", (_, message, touches) => expect(touchesSecret(message, key)).toBe(touches));

  it("is false without secrets", () => expect(touchesSecret("anything", undefined)).toBe(false));
});

describe("credentialsInUrl", () => {
  it.each([
    ["https://a.test/x?api_key=k1&limit=2", ["k1"]],
    [
      "https://a.test/x?token=t1&access_token=t2&refresh_token=t3&key=k&secret=s&password=p",
      ["t1", "t2", "t3", "k", "s", "p"],
    ],
    ["https://a.test/x?API-KEY=k1&client_secret_key=k2&keys=no&monkey=no&tokens=no", ["k1", "k2"]],
    ["https://a.test/x?key=a%2Bb%3D&x=1", ["a%2Bb%3D", "a+b="]],
    ["https://a.test/x?token=a+b", ["a+b", "a b"]],
    ["https://a.test/x?token=abc==#key=frag", ["abc=="]],
    ["https://a.test/x?token=&key", []],
    ["https://a.test/x", []],
    [undefined, []],
  ])("%s → %j", (url, expected) => expect(credentialsInUrl(url)).toEqual(expected));
});

describe("credentialsIn", () => {
  it.each([
    [{ authorization: "Bearer sk_1" }, ["sk_1"]],
    [{ authorization: "Basic dXNlcjpwYXNz" }, ["dXNlcjpwYXNz"]],
    [{ authorization: "sk_raw" }, ["sk_raw"]],
    [{ "proxy-authorization": "Bearer p_1" }, ["p_1"]],
    [{ cookie: "session=s_1; theme=dark" }, ["s_1", "dark"]],
    [{ "x-api-key": "ak_1", "x-auth-token": "t_1", "x-client-secret": "cs_1" }, ["ak_1", "t_1", "cs_1"]],
    [{ "idempotency-key": "0123456789abcdef", "x-request-id": "r", "content-type": "application/json" }, []],
    // Headers trims spaces and tabs only; the rest of what JavaScript calls white space goes here.
    [{ authorization: "\u000bBearer sk_1" }, ["sk_1"]],
    [{ authorization: "Bearer sk_1\u00a0" }, ["sk_1"]],
    [{ authorization: "Bearer  sk_1" }, ["sk_1"]],
    [{ "x-api-key": "\u00a0ak_1\u000b" }, ["ak_1"]],
    [{ cookie: "a=v1 ; b= v2" }, ["v1", "v2"]],
    // Empty values are no credential.
    [{ cookie: "a=; b=v", "x-api-key": "", authorization: "" }, ["v"]],
    [{ apikey: "ak_2", "api-key": "ak_3", "x-password": "pw" }, ["ak_3", "ak_2", "pw"]],
  ])("%j → %j", (headers, expected) => {
    expect(credentialsIn(new Headers(headers))).toEqual(expected);
  });
});

describe("secretsFor", () => {
  const client = new Headers({ authorization: "Bearer own" });

  it("compiles the client's credentials once, and again only for a call that sends others", () => {
    const forCall = secretsFor(client);
    const own = forCall(new Headers({ authorization: "Bearer own", "x-request-id": "r" }));
    expect(forCall(new Headers({ authorization: "Bearer own" }))).toBe(own);
    expect(forCall(new Headers())).toBe(own);
    const more = forCall(new Headers({ authorization: "Bearer own", "x-api-key": "call" }));
    expect(more).not.toBe(own);
    expect(redact("own call", own)).toBe("[redacted] call");
    expect(redact("own call", more)).toBe("[redacted] [redacted]");
  });

  it("adds the credentials in the call's query, and keeps the last 16 sets of a call's own compiled", () => {
    const forCall = secretsFor(client);
    const keyed = forCall(new Headers({ "x-api-key": "k1" }));
    expect(forCall(new Headers(), "https://a.test/x?api_key=k1")).toBe(keyed);
    expect(redact("own k1 k2", forCall(new Headers(), "https://a.test/x?token=k2"))).toBe("[redacted] k1 [redacted]");
    for (let i = 0; i < 16; i++) forCall(new Headers({ "x-api-key": `other${i}` }));
    const again = forCall(new Headers({ "x-api-key": "k1" }));
    expect(again).not.toBe(keyed);
    expect(again?.list).toEqual(keyed?.list);
  });

  it("has no secrets when neither the client nor the call sends a credential", () => {
    expect(secretsFor(new Headers())(new Headers({ "x-request-id": "r" }))).toBeUndefined();
  });
});
