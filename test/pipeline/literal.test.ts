import { describe, expect, it } from "vitest";
import { frozenTable, jsDoc, literal, literalUnion, packed, propertyKey } from "../../scripts/pipeline/literal.js";

describe("literal", () => {
  const cases: [string, { given: unknown; want: string }][] = [
    ["a string", { given: "a", want: '"a"' }],
    ["a short array, on one line", { given: ["a", 1], want: '["a", 1]' }],
    ["an empty object", { given: {}, want: "{}" }],
    ["an empty array", { given: [], want: "[]" }],
    ["keys that need quotes", { given: { "GET /a": null, "404": 1 }, want: '{ "404": 1, "GET /a": null }' }],
    [
      "a long object, one key per line",
      {
        given: { description: "x".repeat(100), status: 404 },
        want: `{\n  description: "${"x".repeat(100)}",\n  status: 404,\n}`,
      },
    ],
    [
      "a long array, one item per line, nested members indented",
      {
        given: ["y".repeat(60), { a: "z".repeat(60) }],
        want: `[\n  "${"y".repeat(60)}",\n  { a: "${"z".repeat(60)}" },\n]`,
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(literal(given)).toBe(want);
  });

  // The value ends before column 120, where its comma or semicolon goes.
  it.each([
    [119 - 9, true],
    [120 - 9, false],
  ])("starting at column %i, writes a value of 9 characters on one line: %s", (column, flat) => {
    expect(literal(["abcde"], { column })).toBe(flat ? '["abcde"]' : '[\n  "abcde",\n]');
  });

  it("puts a JSDoc note on the top-level keys it names, one key a line, with `*/` escaped", () => {
    const notes = new Map([["GET /a", "**Inferred:** no */ here."]]);
    expect(literal({ "GET /a": 1, b: 2 }, { notes })).toBe(
      '{\n  /** **Inferred:** no *\\/ here. */\n  "GET /a": 1,\n  b: 2,\n}',
    );
  });

  it("writes a value it has a name for by that name, by identity, on one line or many", () => {
    const shared = { required: true };
    const names = new Map<unknown, string>([[shared, "RetryAfterHeader"]]);
    expect(literal({ a: shared, b: { required: true } }, { names })).toBe(
      "{ a: RetryAfterHeader, b: { required: true } }",
    );
    const long = { a: shared, text: "x".repeat(110) };
    expect(literal(long, { names })).toBe(`{\n  a: RetryAfterHeader,\n  text: "${"x".repeat(110)}",\n}`);
    expect(literal(shared, { names })).toBe("RetryAfterHeader");
    const list = [shared, "y".repeat(120)];
    expect(literal(list, { names })).toBe(`[\n  RetryAfterHeader,\n  "${"y".repeat(120)}",\n]`);
  });

  it("writes null as null wherever it starts", () => {
    expect(literal(null, { column: 119 })).toBe("null");
  });

  it("evaluates to an equal value", () => {
    const given = { a: { b: ["c", { d: 1 }] }, long: "y".repeat(120), "x-y": [true, null] };
    expect(new Function(`return ${literal(given)}`)()).toEqual(given);
  });
});

describe("frozenTable", () => {
  it("passes the literal once to frozen, marked pure, and counts its own width", () => {
    expect(frozenTable({ a: 1 }, 0)).toBe("/* @__PURE__ */ frozen({ a: 1 })");
    expect(frozenTable({ a: "x".repeat(80) }, 20)).toBe(`/* @__PURE__ */ frozen({\n  a: "${"x".repeat(80)}",\n})`);
  });
});

describe("packed", () => {
  it("writes members several to a line up to the width, each with its comma", () => {
    const members = Array.from({ length: 12 }, (_, i) => `"${400 + i}": responses.Name${i}`);
    const lines = packed(members, "    ").split("\n").slice(0, -1);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThan(120);
    expect(lines.join(" ").replace(/\s+/g, " ").trim()).toBe(members.map((m) => `${m},`).join(" "));
    expect(lines.every((line) => line.startsWith("    "))).toBe(true);
  });

  it("gives a member that spans lines, or one it is told to, a line of its own", () => {
    expect(packed(["a: 1", "b: {\n  c: 2,\n}", "d: 3", "e: 4"], "  ")).toBe(
      "  a: 1,\n  b: {\n  c: 2,\n},\n  d: 3, e: 4,\n",
    );
    expect(packed(["a: 1", "b: 2", "c: 3"], "", (m) => m === "b: 2")).toBe("a: 1,\nb: 2,\nc: 3,\n");
    expect(packed([], "  ")).toBe("");
  });
});

describe("propertyKey, jsDoc", () => {
  it.each([
    ["code", "code"],
    ["$id", "$id"],
    ["404", '"404"'],
    ["GET /a", '"GET /a"'],
    ["x-y", '"x-y"'],
  ])("%s is written %s", (key, want) => {
    expect(propertyKey(key)).toBe(want);
  });

  it("writes a note as a JSDoc line at the indent, and nothing without one", () => {
    expect(jsDoc("Why.", "  ")).toBe("  /** Why. */\n");
    expect(jsDoc(undefined, "  ")).toBe("");
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
