import { describe, expect, it } from "vitest";
import { redact, redactCause } from "../../src/client/redact.js";

const KEY = "sk_secret";

describe("redact", () => {
  it.each([
    ["Bearer sk_secret", "Bearer [redacted]"],
    ["sk_secretsk_secret", "[redacted][redacted]"],
    [["a", "x sk_secret"], ["a", "x [redacted]"]],
    [{ a: { b: ["sk_secret"] }, sk_secret: 1 }, { a: { b: ["[redacted]"] }, "[redacted]": 1 }],
    [42, 42],
    [null, null],
    [undefined, undefined],
  ])("%j", (value, expected) => {
    expect(redact(value, KEY)).toEqual(expected);
  });

  it("returns the value itself when there is no secret", () => {
    const body = { a: "sk_secret" };
    expect(redact(body, undefined)).toBe(body);
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

  it("survives nesting deeper than any real body", () => {
    let deep: unknown = "sk_secret";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(JSON.stringify(redact(deep, KEY))).not.toContain(KEY);
  });
});

describe("redactCause", () => {
  it("copies name, message, code and causes, without the key or anything else", () => {
    const original = Object.assign(new TypeError("failed for sk_secret", { cause: new Error("inner sk_secret") }), { code: "ECONNRESET", socket: { key: KEY } });
    const copy = redactCause(original, KEY) as Error & { code?: string; socket?: unknown };
    expect(copy).not.toBe(original);
    expect(copy).toMatchObject({ name: "TypeError", message: "failed for [redacted]", code: "ECONNRESET" });
    expect(copy.socket).toBeUndefined();
    expect((copy.cause as Error).message).toBe("inner [redacted]");
    expect(copy.stack).not.toContain(KEY);
  });

  it("redacts values that are not errors", () => {
    expect(redactCause("abort sk_secret", KEY)).toBe("abort [redacted]");
  });
});
