// The one reader of the contract: `contractOf` on in-memory documents (bundled form, internal
// `$ref`s), and `readContracts` on the fixture project, with problems located in the sources.
import { describe, expect, it } from "vitest";
import { contractOf, readContracts, SpecProblem, SpecProblems } from "../../scripts/contract/index.js";
import { replaceIn, tinyProject } from "../pipeline/fixture.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (code: string, status: number | undefined, extra: object = {}) => ({
  type: "object",
  required: ["code", "message"],
  properties: { code: { type: "string", const: code }, message: { type: "string" } },
  ...(status === undefined ? {} : { "x-error-status": status }),
  description: `${code}.`,
  examples: [{ code, message: "m" }],
  ...extra,
});
const json = (schema: object, extra: object = {}) => ({
  description: "An error.",
  content: { "application/json": { schema } },
  ...extra,
});

/* biome-ignore lint/suspicious/noExplicitAny: tests break the document at arbitrary depths;
   typing every path would hide the edits. */
type Doc = Record<string, any>;

function document(edit: (doc: Doc) => void = () => {}) {
  const doc: Doc = {
    openapi: "3.1.0",
    info: { title: "Will It Track", version: "v1" },
    servers: [{ url: "https://api.example.com/v1" }],
    security: [{ key: [] }],
    "x-error-envelope": { message: "/message", code: "/code" },
    paths: {
      "/things/{id}": {
        put: {
          operationId: "putThing",
          parameters: [{ name: "Idempotency-Key", in: "header", schema: { type: "string" } }],
          responses: { "4XX": json(ref("bad")), "404": json(ref("missing")) },
        },
        get: {
          operationId: "getThing",
          "x-inferred": "Not documented.",
          responses: {
            "200": { description: "OK" },
            "404": json(ref("missing")),
            "429": json(ref("Envelope"), {
              headers: { "Retry-After": { required: true, schema: { type: "integer", example: 2 } } },
            }),
            default: json({ oneOf: [ref("missing"), ref("down")] }),
          },
        },
      },
    },
    components: {
      schemas: {
        missing: error("missing", 404),
        bad: error("bad", 400),
        down: error("down", 503, { "x-inferred": "No status is documented." }),
        Envelope: {
          type: "object",
          required: ["code", "message"],
          properties: { code: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  };
  edit(doc);
  return doc;
}

describe("contractOf", () => {
  const contract = contractOf(document(), { name: "wit", root: "/specs/wit/openapi.yaml" });

  it("names the API after info.title", () => {
    expect(contract).toMatchObject({
      name: "wit",
      title: "Will It Track",
      typeName: "WillItTrack",
      valueName: "willItTrack",
    });
    expect(contract).toMatchObject({ version: "v1", serverUrl: "https://api.example.com/v1", requiresApiKey: true });
    expect(contract.idempotencyHeader).toBe("Idempotency-Key");
  });

  it("reads the envelope in one field order, and the field names the clients use", () => {
    expect(contract.envelope).toEqual({ code: ["code"], message: ["message"] });
    expect(contract.fields).toEqual({ code: "code" });
  });

  it("reads the catalog sorted by status, then code, with the inferred reason only where given", () => {
    expect(contract.catalog.map((e) => [e.code, e.status, e.inferred])).toEqual([
      ["bad", 400, undefined],
      ["missing", 404, undefined],
      ["down", 503, "No status is documented."],
    ]);
    expect(contract.catalog[0]).not.toHaveProperty("inferred");
    expect(contract.catalog[0]).toMatchObject({
      schema: "bad",
      description: "bad.",
      example: { code: "bad", message: "m" },
    });
  });

  it("reads each operation's error statuses, ranges and default with their codes and headers", () => {
    expect(contract.operations.map((o) => o.key)).toEqual(["GET /things/{id}", "PUT /things/{id}"]);
    const [get, put] = contract.operations;
    expect(get).toMatchObject({
      method: "GET",
      path: "/things/{id}",
      operationId: "getThing",
      inferred: "Not documented.",
    });
    expect(get!.errors).toEqual([
      { status: "404", codes: ["missing"], open: false, headers: [] },
      { status: "429", codes: [], open: true, headers: [{ name: "Retry-After", required: true, example: "2" }] },
      { status: "default", codes: ["missing", "down"], open: false, headers: [] },
    ]);
    expect(put!.errors.map((e) => [e.status, e.codes])).toEqual([
      ["404", ["missing"]],
      ["4XX", ["bad"]],
    ]);
  });

  it.each([
    ["no envelope", (d: Doc) => delete d["x-error-envelope"], /no `x-error-envelope`/],
    ["a code with no status", (d: Doc) => delete d.components.schemas.bad["x-error-status"], /"bad" has no status/],
    ["a status out of range", (d: Doc) => (d.components.schemas.bad["x-error-status"] = 200), /"bad" has status 200/],
    ["a title that names nothing", (d: Doc) => (d.info.title = "123"), /does not start with a capital letter/],
  ])("throws a SpecProblem for %s", (_name, edit, says) => {
    expect(() => contractOf(document(edit), { name: "wit", root: "/r.yaml" })).toThrow(says);
  });

  it("reports every problem of one pass together", () => {
    const both = document((d) => {
      delete d.components.schemas.bad["x-error-status"];
      d.components.schemas.again = error("missing", 404);
    });
    const thrown = (() => {
      try {
        contractOf(both, { name: "wit", root: "/r.yaml" });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(SpecProblems);
    expect((thrown as SpecProblems).problems.map((p) => p.problem)).toEqual([
      'Error code "bad" has no status.',
      'Error code "missing" is defined twice: by components.schemas.missing and by again.',
    ]);
  });
});

describe("readContracts", () => {
  it("reads the APIs of a redocly.yaml, or only the one named", async () => {
    const { configPath } = await tinyProject();
    expect((await readContracts(configPath)).map((c) => c.name)).toEqual(["tiny"]);
    expect((await readContracts(configPath, { only: "tiny" }))[0]?.catalog.map((e) => e.code)).toEqual([
      "thing_missing",
    ]);
    await expect(readContracts(configPath, { only: "nope" })).rejects.toThrow(/No API named "nope"/);
  });

  it("locates a code defined twice in a file that defines it, at the line of its schema", async () => {
    const { configPath, root } = await tinyProject(async (at) => {
      await replaceIn(
        at("openapi.yaml"),
        "    Thing:\n",
        "    again:\n      $ref: ./components/schemas/errors/again.yaml\n    Thing:\n",
      );
      const { writeFile, readFile } = await import("node:fs/promises");
      await writeFile(
        at("components/schemas/errors/again.yaml"),
        await readFile(at("components/schemas/errors/thing_missing.yaml")),
      );
    });
    const thrown = await readContracts(configPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(SpecProblem);
    expect(thrown).toMatchObject({
      file: `${root}/openapi/tiny/components/schemas/errors/thing_missing.yaml`,
      line: 1,
    });
    expect(String((thrown as Error).message)).toMatch(/"thing_missing" is defined twice/);
  });
});
