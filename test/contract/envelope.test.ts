// The envelope reader on its own: the problems of a broken `x-error-envelope` word for word (the
// lint shows them as they are), and the pointer helpers every consumer finds fields through.
import { describe, expect, it } from "vitest";
import {
  constAt,
  envelopeProblems,
  fieldNames,
  missingEnvelopeFields,
  printPointer,
  readEnvelope,
  requiresPointer,
  schemaAt,
  schemaPathOf,
} from "../../scripts/contract/envelope.js";

const FIX =
  "Give `x-error-envelope` JSON pointers to the `code` and `message` of an error body " +
  "(and `type`, `requestId`, `docsUrl` if the API has them).";
const notPointer = (field: string) => ({
  path: ["x-error-envelope", field],
  problem: `\`x-error-envelope.${field}\` is not a JSON pointer.`,
  fix: 'Write it like "/error/code".',
});
const noPointer = (field: string) => ({
  path: ["x-error-envelope"],
  problem: `\`x-error-envelope\` has no \`${field}\` pointer.`,
  fix: FIX,
});

describe("envelopeProblems", () => {
  it.each<[string, unknown, object[]]>([
    ["code and message", { code: "/code", message: "/message" }, []],
    ["every field, nested", { code: "/error/code", message: "/error/message", type: "/t", requestId: "/r/i" }, []],
    [
      "no envelope",
      undefined,
      [{ path: [], problem: "The root document has no `x-error-envelope`.", fix: `Add \`x-error-envelope:\`. ${FIX}` }],
    ],
    [
      "a list, not a map",
      ["/code"],
      [
        {
          path: ["x-error-envelope"],
          problem: "`x-error-envelope` is not a map of envelope fields to JSON pointers.",
          fix: FIX,
        },
      ],
    ],
    [
      "an unknown field",
      { code: "/code", message: "/message", kind: "/kind" },
      [
        {
          path: ["x-error-envelope", "kind"],
          problem: "`x-error-envelope.kind` is not an envelope field.",
          fix: "Use only code, message, type, requestId, docsUrl.",
        },
      ],
    ],
    ["no leading slash", { code: "error/code", message: "/m" }, [notPointer("code")]],
    ["a trailing slash", { code: "/error/", message: "/m" }, [notPointer("code")]],
    ["an empty segment", { code: "//code", message: "/m" }, [notPointer("code")]],
    ["the root pointer", { code: "/", message: "/m" }, [notPointer("code")]],
    ["a list that prints as a pointer", { code: ["/code"], message: "/m" }, [notPointer("code")]],
    ["no code", { message: "/m" }, [noPointer("code")]],
    ["neither code nor message", {}, [noPointer("code"), noPointer("message")]],
  ])("%s", (_name, raw, want) => {
    expect(envelopeProblems(raw)).toEqual(want);
  });
});

describe("readEnvelope", () => {
  it("splits each pointer into segments, in the order code, message, type, requestId", () => {
    const raw = { requestId: "/meta/id", type: "/error/type", message: "/error/message", code: "/error/code" };
    const envelope = readEnvelope({ "x-error-envelope": raw });
    expect(envelope).toEqual({
      code: ["error", "code"],
      message: ["error", "message"],
      type: ["error", "type"],
      requestId: ["meta", "id"],
    });
    expect(Object.keys(envelope ?? {})).toEqual(["code", "message", "type", "requestId"]);
  });

  it.each<[string, unknown]>([
    ["a root that is no object", "x-error-envelope"],
    ["no envelope", {}],
    ["an envelope that is no map", { "x-error-envelope": "/code" }],
    ["an envelope with a problem", { "x-error-envelope": { code: "/code" } }],
  ])("is undefined for %s", (_name, root) => {
    expect(readEnvelope(root)).toBeUndefined();
  });
});

describe("fieldNames", () => {
  it.each([
    ["code only", { code: ["a", "b", "kind"], message: ["m"] }, { code: "kind" }],
    [
      "code and type",
      { code: ["a", "b", "code"], message: ["m"], type: ["a", "b", "type"] },
      { code: "code", type: "type" },
    ],
  ])("names the last segment of each pointer: %s", (_name, envelope, want) => {
    expect(fieldNames(envelope)).toEqual(want);
  });
});

describe("pointers into schemas", () => {
  const schema = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code"],
        properties: { code: { const: "gone" }, type: { const: 7 }, detail: { type: "string" } },
      },
      flat: true,
    },
  };

  it("maps a body pointer to its schema path", () => {
    expect(schemaPathOf(["error", "code"])).toEqual(["properties", "error", "properties", "code"]);
  });

  it.each<[string, unknown, string[], unknown]>([
    ["a nested property", schema, ["error", "code"], { const: "gone" }],
    ["the schema itself", schema, [], schema],
    ["a missing property", schema, ["error", "nope"], undefined],
    ["below a non-object", schema, ["flat", "x"], undefined],
    ["a schema without properties", { type: "string" }, ["code"], undefined],
  ])("schemaAt finds %s", (_name, from, pointer, want) => {
    expect(schemaAt(from, pointer)).toEqual(want);
  });

  it.each<[string, string[] | undefined, string | undefined]>([
    ["a string const", ["error", "code"], "gone"],
    ["a const that is no string", ["error", "type"], undefined],
    ["no const", ["error", "detail"], undefined],
    ["no pointer", undefined, undefined],
  ])("constAt reads %s", (_name, pointer, want) => {
    expect(constAt(schema, pointer)).toBe(want);
  });

  it.each<[string, unknown, string[], boolean]>([
    ["every segment required", schema, ["error", "code"], true],
    ["a segment not required", schema, ["error", "detail"], false],
    ["a leaf that is no schema", schema, ["flat"], false],
    ["a missing leaf", { type: "object", required: ["code"], properties: {} }, ["code"], false],
    ["no required list", { type: "object", required: "code", properties: { code: {} } }, ["code"], false],
    ["no properties", { type: "object", required: ["code"] }, ["code"], false],
    ["a schema that is no object", "object", ["code"], false],
  ])("requiresPointer: %s", (_name, from, pointer, want) => {
    expect(requiresPointer(from, pointer)).toBe(want);
  });

  it("lists the envelope fields a schema does not require, skipping those the envelope lacks", () => {
    const envelope = { code: ["error", "code"], message: ["error", "message"], type: ["error", "type"] };
    expect(missingEnvelopeFields(schema, envelope)).toEqual(["message", "type"]);
    expect(missingEnvelopeFields(schema, { code: ["error", "code"], message: ["error", "code"] })).toEqual([]);
  });

  it("prints a pointer with its leading slash", () => {
    expect(printPointer(["error", "code"])).toBe("/error/code");
  });
});
