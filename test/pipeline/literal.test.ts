import { describe, expect, it } from "vitest";
import { frozenLiteral, literalUnion } from "../../scripts/pipeline/literal.js";

describe("frozenLiteral", () => {
  const cases: [string, { given: unknown; want: string }][] = [
    ["a string", { given: "a", want: '"a"' }],
    ["a short array, on one line", { given: ["a", 1], want: '/* @__PURE__ */ Object.freeze(["a", 1] as const)' }],
    ["an empty object", { given: {}, want: "/* @__PURE__ */ Object.freeze({} as const)" }],
    [
      "keys that need quotes",
      { given: { "GET /a": null }, want: '/* @__PURE__ */ Object.freeze({ "GET /a": null } as const)' },
    ],
    [
      "a long object, one key per line",
      {
        given: { description: "x".repeat(90), status: 404 },
        want: `/* @__PURE__ */ Object.freeze({\n  description: "${"x".repeat(90)}",\n  status: 404,\n} as const)`,
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(frozenLiteral(given)).toBe(want);
  });

  it("puts a JSDoc note on the top-level keys it names, one key a line, with `*/` escaped", () => {
    const notes = new Map([["GET /a", "**Inferred:** no */ here."]]);
    expect(frozenLiteral({ "GET /a": 1, b: 2 }, "", notes)).toBe(
      '/* @__PURE__ */ Object.freeze({\n  /** **Inferred:** no *\\/ here. */\n  "GET /a": 1,\n  b: 2,\n} as const)',
    );
  });

  it("evaluates to an equal, deeply frozen value", () => {
    const given = { a: { b: ["c", { d: 1 }] }, long: "y".repeat(120) };
    const value = new Function(`return ${frozenLiteral(given).replace(/ as const/g, "")}`)() as typeof given;
    expect(value).toEqual(given);
    expect(
      Object.isFrozen(value) && Object.isFrozen(value.a) && Object.isFrozen(value.a.b) && Object.isFrozen(value.a.b[1]),
    ).toBe(true);
  });
});

describe("literalUnion", () => {
  it.each([
    ["none", { given: [], want: "never" }],
    ["two", { given: ["a", "b"], want: '\n  | "a"\n  | "b"' }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(literalUnion(given)).toBe(want);
  });
});
