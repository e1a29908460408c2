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
  // Read inside each test, not once for the block: the mutation runs count code run while a
  // file loads as covered by no test.
  const read = () => contractOf(document(), { name: "wit", root: "/specs/wit/openapi.yaml" });

  it("names the API after info.title", () => {
    const contract = read();
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
    const contract = read();
    expect(contract.envelope).toEqual({ code: ["code"], message: ["message"] });
    expect(contract.fields).toEqual({ code: "code" });
  });

  it("reads the catalog sorted by status, then code, with the inferred reason only where given", () => {
    const contract = read();
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
    const contract = read();
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

  it("reads an anyOf of codes and the open envelope as those codes, open to others", () => {
    const doc = document((d) => {
      d.paths["/things/{id}"].get.responses["401"] = json({ anyOf: [ref("bad"), ref("Envelope")] });
      d.components.schemas.bad["x-error-status"] = 401;
    });
    const [get] = contractOf(doc, { name: "wit", root: "/r.yaml" }).operations;
    expect(get!.errors[0]).toEqual({ status: "401", codes: ["bad"], open: true, headers: [] });
  });

  it("marks an operation by its path's x-inferred, then its own, and a status by its response's, shared or not", () => {
    const doc = document((d) => {
      d.paths["/things/{id}"]["x-inferred"] = "The path is assumed.";
      d.paths["/things/{id}"].get.responses["404"]["x-inferred"] = "The status is assumed.";
      d.components.responses = { Bad: json(ref("bad"), { "x-inferred": "Shared and assumed." }) };
      d.paths["/things/{id}"].put.responses["4XX"] = { $ref: "#/components/responses/Bad" };
    });
    const [get, put] = contractOf(doc, { name: "wit", root: "/r.yaml" }).operations;
    expect([get!.inferred, put!.inferred]).toEqual(["The path is assumed. Not documented.", "The path is assumed."]);
    expect(get!.errors.map((e) => e.inferred)).toEqual(["The status is assumed.", undefined, undefined]);
    expect(get!.errors[1]).not.toHaveProperty("inferred");
    expect(put!.errors.map((e) => [e.status, e.inferred])).toEqual([
      ["404", undefined],
      ["4XX", "Shared and assumed."],
    ]);
    expect(read().operations[1]).not.toHaveProperty("inferred");
  });

  it("derives whether each code is retryable from its status, with the clients' own list", () => {
    expect(read().catalog.map((e) => [e.code, e.retryable])).toEqual([
      ["bad", false],
      ["missing", false],
      ["down", true],
    ]);
  });

  it("lists each operation's success statuses, sorted, and none for an operation that has none", () => {
    const doc = document((d) => {
      d.paths["/things/{id}"].get.responses["2XX"] = { description: "Any success." };
      d.paths["/things/{id}"].get.responses["304"] = { description: "Not modified." };
      d.paths["/things/{id}"].get.responses["x-note"] = "not a status";
    });
    const [get, put] = contractOf(doc, { name: "wit", root: "/r.yaml" }).operations;
    expect(get!.successStatuses).toEqual(["200", "2XX", "304"]);
    expect(put!.successStatuses).toEqual([]);
  });

  it("carries the tables generated code holds, in the runtime's shape", () => {
    const { tables } = read();
    expect(tables.envelope).toEqual({ code: ["code"], message: ["message"] });
    expect(Object.keys(tables.catalog)).toEqual(["bad", "missing", "down"]);
    expect(tables.catalog.down).toEqual({
      code: "down",
      status: 503,
      description: "down.",
      retryable: true,
      example: { code: "down", message: "m" },
      inferred: "No status is documented.",
    });
    expect(tables.codeTypes).toEqual({ bad: {}, missing: {}, down: {} });
    expect(tables.codesByStatus).toEqual({ "400": ["bad"], "404": ["missing"], "503": ["down"] });
    expect(tables.operations["GET /things/{id}"]).toEqual({
      "404": { codes: ["missing"], open: false, headers: {} },
      "429": { codes: [], open: true, headers: { "Retry-After": { required: true, example: "2" } } },
      default: { codes: ["missing", "down"], open: false, headers: {} },
    });
    expect(tables.successStatuses).toEqual({ "GET /things/{id}": ["200"], "PUT /things/{id}": [] });
    expect(tables.errorTypes).toEqual({});
    expect(tables.sharedResponses).toEqual({});
    expect(tables.sharedHeaders).toEqual({});
  });

  it("names each shared response a status uses, and declares it once, in the order of first status", () => {
    const doc = document((d) => {
      d.components.responses = {
        Missing: json(ref("missing")),
        "Too~1Many": json(ref("Envelope")),
        Bad: json(ref("bad")),
      };
      const { get, put } = d.paths["/things/{id}"];
      get.responses["404"] = { $ref: "#/components/responses/Missing" };
      get.responses["429"] = { $ref: "#/components/responses/Too~01Many" };
      put.responses["404"] = { $ref: "#/components/responses/Missing" };
      put.responses["4XX"] = { $ref: "#/components/responses/Bad" };
    });
    const contract = contractOf(doc, { name: "wit", root: "/r.yaml" });
    const [get, put] = contract.operations;
    expect(get!.errors.map((e) => e.response)).toEqual(["Missing", "Too~1Many", undefined]);
    expect(put!.errors.map((e) => e.response)).toEqual(["Missing", "Bad"]);
    const { tables } = contract;
    expect(Object.keys(tables.sharedResponses)).toEqual(["Missing", "Too~1Many", "Bad"]);
    expect(tables.sharedResponses.Bad).toEqual({ codes: ["bad"], open: false, headers: {} });
    expect(tables.operations["GET /things/{id}"]!["404"]).toBe(tables.sharedResponses.Missing);
    expect(tables.operations["PUT /things/{id}"]!["404"]).toBe(tables.sharedResponses.Missing);
    expect(tables.operations["PUT /things/{id}"]!["4XX"]).toBe(tables.sharedResponses.Bad);
  });

  it("declares each shared header once, in the order of first use, and names no header that leads nowhere", () => {
    const doc = document((d) => {
      d.components.headers = { Wait: { required: true, schema: { type: "integer", example: 2 } }, Id: {} };
      const { get, put } = d.paths["/things/{id}"];
      get.responses["429"].headers = { "Retry-After": { $ref: "#/components/headers/Wait" } };
      put.responses["404"].headers = {
        "X-Id": { $ref: "#/components/headers/Id" },
        "retry-after": { $ref: "#/components/headers/Wait" },
        Gone: { $ref: "#/components/headers/Nowhere" },
      };
    });
    const { tables } = contractOf(doc, { name: "wit", root: "/r.yaml" });
    expect(tables.sharedHeaders).toStrictEqual({ Wait: { required: true, example: "2" }, Id: { required: false } });
    const retry = tables.operations["GET /things/{id}"]!["429"]!.headers["Retry-After"];
    expect(retry).toBe(tables.sharedHeaders.Wait);
    expect(tables.operations["PUT /things/{id}"]!["404"]!.headers).toStrictEqual({
      "X-Id": { required: false },
      "retry-after": { required: true, example: "2" },
      Gone: { required: false },
    });
    expect(tables.operations["PUT /things/{id}"]!["404"]!.headers["retry-after"]).toBe(retry);
  });

  // Each case names responses by `$ref` in the order the model meets them: GET's statuses, then PUT's.
  it.each<[string, Record<string, string>, string[]]>([
    [
      "met by status, then name",
      { "GET 404": "Missing", "GET 429": "Busy", "PUT 404": "Absent", "PUT 4XX": "Bad" },
      ["Absent", "Missing", "Busy", "Bad"],
    ],
    ["a lower status met later", { "GET 429": "Busy", "PUT 404": "Zed" }, ["Zed", "Busy"]],
    ["one status, names met in order", { "GET 404": "Absent", "PUT 404": "Missing" }, ["Absent", "Missing"]],
  ])("orders the shared responses by the status each is first named under, then by name: %s", (_, uses, order) => {
    const doc = document((d) => {
      d.components.responses = Object.fromEntries(Object.values(uses).map((name) => [name, json(ref("missing"))]));
      for (const [use, name] of Object.entries(uses)) {
        const [method, status] = use.split(" ") as [string, string];
        d.paths["/things/{id}"][method.toLowerCase()].responses[status] = { $ref: `#/components/responses/${name}` };
      }
    });
    const { tables } = contractOf(doc, { name: "wit", root: "/r.yaml" });
    expect(Object.keys(tables.sharedResponses)).toEqual(order);
  });

  it.each([
    ["a response of another component", "#/components/schemas/missing"],
    ["a part of a shared response", "#/components/responses/Missing/content"],
    ["another document's response", "other.yaml#/components/responses/Missing"],
  ])("names no shared response for %s", (_name, target) => {
    const doc = document((d) => {
      d.components.responses = { Missing: json(ref("missing")) };
      d.paths["/things/{id}"].get.responses["404"] = { $ref: target };
    });
    const [get] = contractOf(doc, { name: "wit", root: "/r.yaml" }).operations;
    expect(get!.errors.every((e) => e.response === undefined)).toBe(true);
  });

  it.each([
    ["no envelope", (d: Doc) => delete d["x-error-envelope"], /no `x-error-envelope`/],
    ["a code with no status", (d: Doc) => delete d.components.schemas.bad["x-error-status"], /"bad" has no status/],
    ["a status out of range", (d: Doc) => (d.components.schemas.bad["x-error-status"] = 200), /"bad" has status 200/],
    ["a title that names nothing", (d: Doc) => (d.info.title = "123"), /does not start with a capital letter/],
    ["a title in lower case", (d: Doc) => (d.info.title = "willIt"), /"willIt" does not start/],
    ["no title", (d: Doc) => delete d.info.title, /info\.title "" does not start.*Set `info\.title` to the API's name/],
    ["no info", (d: Doc) => delete d.info, /info\.title "" does not start/],
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
    expect((thrown as SpecProblems).problems.map((p) => [p.problem, p.fix])).toEqual([
      ['Error code "bad" has no status.', expect.stringMatching(/^Add `x-error-status: <HTTP status>`/)],
      [
        'Error code "missing" is defined twice: by components.schemas.missing and by again.',
        "Define each code once and `$ref` it.",
      ],
    ]);
  });
});

describe("contractOf, the vendor's error page", () => {
  const root = "/specs/openapi.yaml";
  it("is the root's externalDocs, with the vendor's title for it", () => {
    const docs = { description: "Errors", url: "https://vendor.example/docs/errors" };
    const doc = document((d) => Object.assign(d, { externalDocs: docs }));
    expect(contractOf(doc, { name: "wit", root }).errorDocs).toEqual(docs);
    expect(
      contractOf(
        document(() => {}),
        { name: "wit", root },
      ).errorDocs,
    ).toBeUndefined();
  });

  it.each([
    ["a file: URL", { description: "Errors", url: "file:///srv/docs/errors.html" }],
    ["a plain http: URL", { description: "Errors", url: "http://vendor.example/errors" }],
    ["no title", { url: "https://vendor.example/errors" }],
  ])("refuses %s, at externalDocs", (_name, docs) => {
    const doc = document((d) => Object.assign(d, { externalDocs: docs }));
    expect(problemOf(() => contractOf(doc, { name: "wit", root }))).toMatchObject({
      problem: "The root's `externalDocs` needs an https: `url` and a `description`.",
      subject: { path: ["externalDocs"] },
    });
  });
});

describe("contractOf, the names the generated client gives", () => {
  it.each([
    ["a property of the error", { code: "/status" }, "status"],
    ["no identifier: a leading digit", { code: "/1kind" }, "1kind"],
    ["no identifier: a leading dash", { code: "/-kind" }, "-kind"],
    ["no identifier: a trailing dash", { code: "/error/kind-" }, "kind-"],
    ["the code's name for the type", { code: "/error/kind", type: "/kind" }, "kind"],
  ])("refuses an envelope field that names %s, at x-error-envelope", (_name, pointers, shown) => {
    const doc = document((d) => Object.assign(d["x-error-envelope"], pointers));
    const refused = problemOf(() => contractOf(doc, { name: "wit", root: "/specs/openapi.yaml" }));
    expect(refused).toMatchObject({
      problem: `The client would expose the envelope field "${shown}" under a name it cannot use.`,
      fix:
        "Point `x-error-envelope` at fields whose last segments are distinct identifiers other than reason, " +
        "status, transport, message, requestId, retryAfterMs, docsUrl, vendorDocsUrl, body, retryable, attempts, " +
        "operation, name, stack, cause, toJSON.",
      subject: { path: ["x-error-envelope"] },
    });
  });

  it.each(["WillItTrackApiError", "WillItTrackClient", "WillItTrackClientOptions", "WillItTrackOperation"])(
    "refuses a schema named %s, like one of the client's exports, at that schema",
    (name) => {
      const doc = document((d) => (d.components.schemas[name] = { type: "object" }));
      expect(problemOf(() => contractOf(doc, { name: "wit", root: "/specs/openapi.yaml" }))).toMatchObject({
        problem: `The schema "${name}" has the name of an export of the generated client.`,
        fix: "Rename the schema.",
        subject: { path: ["components", "schemas", name] },
      });
    },
  );

  it("checks no schema name in a document that has no schemas", () => {
    for (const edit of [(d: Doc) => delete d.components, (d: Doc) => (d.components = { schemas: "none" })]) {
      const doc = document((d) => {
        d.paths = {};
        edit(d);
      });
      expect(contractOf(doc, { name: "wit", root: "/r.yaml" }).catalog).toEqual([]);
    }
  });

  it("accepts a schema whose name only starts like an export", () => {
    const doc = document((d) => (d.components.schemas.WillItTrackApiErrors = { type: "object" }));
    expect(() => contractOf(doc, { name: "wit", root: "/specs/openapi.yaml" })).not.toThrow();
  });
});

/** The SpecProblem `run` throws. */
function problemOf(run: () => unknown): SpecProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecProblem) return error;
    throw error;
  }
  throw new Error("no problem was thrown");
}

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

describe("contractOf, the edges of each field", () => {
  const read = (edit: (d: Doc) => void) => contractOf(document(edit), { name: "wit", root: "/r.yaml" });

  it("defaults what the document leaves out", () => {
    const bare = read((d) => {
      delete d.servers;
      delete d.info.version;
      delete d.paths["/things/{id}"].get.operationId;
      delete d.components.schemas.bad.description;
      delete d.components.schemas.bad.examples;
      d.paths["/things/{id}"].put.parameters = [
        { name: "Idempotency-Key", in: "query" },
        { name: ["Idempotency-Key"], in: "header" },
      ];
    });
    expect(bare).toMatchObject({ serverUrl: "", version: "" });
    expect(bare).not.toHaveProperty("idempotencyHeader");
    expect(bare.operations[0]?.operationId).toBe("");
    expect(bare.catalog[0]).toMatchObject({ code: "bad", description: "", example: null });
    expect(read((d) => (d.components.schemas.bad.examples = [])).catalog[0]?.example).toBeNull();
  });

  it("finds the idempotency header in any case, through a $ref", () => {
    const found = read((d) => {
      d.components.parameters = { Key: { name: "idempotency-KEY", in: "header" } };
      d.paths["/things/{id}"].put.parameters = [
        { name: "X-Idempotency-Key", in: "header" },
        { name: "Idempotency-Keys", in: "header" },
        { $ref: "#/components/parameters/Key" },
      ];
    });
    expect(found.idempotencyHeader).toBe("idempotency-KEY");
  });

  it.each([
    ["an operation without security", (d: Doc) => (d.paths["/things/{id}"].get.security = []), false],
    ["optional auth", (d: Doc) => (d.paths["/things/{id}"].get.security = [{ key: [] }, {}]), false],
    ["auth everywhere", () => {}, true],
  ])("requires an API key or not: %s", (_name, edit, requires) => {
    expect(read(edit).requiresApiKey).toBe(requires);
  });

  it("names an API whose title has spaces and punctuation", () => {
    expect(read((d) => (d.info.title = "Itty-bit API 2"))).toMatchObject({
      typeName: "IttybitAPI2",
      valueName: "ittybitAPI2",
    });
  });

  it("sorts codes of one status by code, and says what a status that is no number is", () => {
    const two = read((d) => (d.components.schemas.abc = error("abc", 404)));
    expect(two.catalog.map((e) => e.code)).toEqual(["bad", "abc", "missing", "down"]);
    expect(() => read((d) => (d.components.schemas.bad["x-error-status"] = "400"))).toThrow(
      'Error code "bad" has status "400".',
    );
  });

  it("reads a typed envelope: each code's type, and the error types with their statuses", () => {
    const typed = read((d) => {
      d["x-error-envelope"].type = "/type";
      d.components.schemas.bad.properties.type = { const: "client" };
      d.components.schemas.ErrorType = {
        oneOf: [
          { const: "client", "x-error-statuses": [400, 404], description: "Yours." },
          { const: "server", "x-error-statuses": [503], description: "Ours.", "x-inferred": "Guessed." },
        ],
      };
    });
    expect(typed.fields).toEqual({ code: "code", type: "type" });
    expect(typed.catalog.map((e) => e.type)).toEqual(["client", undefined, undefined]);
    expect(typed.catalog[1]).not.toHaveProperty("type");
    expect(typed.errorTypes).toStrictEqual([
      { type: "client", statuses: [400, 404], description: "Yours." },
      { type: "server", statuses: [503], description: "Ours.", inferred: "Guessed." },
    ]);
    expect(contractOf(document(), { name: "wit", root: "/r.yaml" }).errorTypes).toEqual([]);
    expect(typed.tables.codeTypes).toStrictEqual({ bad: { type: "client" }, missing: {}, down: {} });
    expect(typed.tables.errorTypes).toStrictEqual({
      client: { statuses: [400, 404], description: "Yours." },
      server: { statuses: [503], description: "Ours.", inferred: "Guessed." },
    });
  });

  it("reads each header's example from the header, its named examples or its schema, and its shared name", () => {
    const headers = read((d) => {
      d.components.examples = { Two: { value: 2 } };
      d.components.headers = { Id: { schema: { type: "string", examples: ["req_1"] } } };
      d.paths["/things/{id}"].get.responses["429"].headers = {
        A: { example: true, schema: { example: 9 } },
        B: { examples: { one: { $ref: "#/components/examples/Two" } }, schema: { example: 9 } },
        C: { $ref: "#/components/headers/Id" },
        D: { required: "yes", schema: { example: { not: "sent" } } },
        E: { $ref: "#/components/headers/Nowhere" },
      };
    }).operations[0]?.errors[1]?.headers;
    expect(headers).toStrictEqual([
      { name: "A", required: false, example: "true" },
      { name: "B", required: false, example: "2" },
      { name: "C", required: false, example: "req_1", component: "Id" },
      { name: "D", required: false },
      { name: "E", required: false },
    ]);
  });

  it("marks a status open when its body admits codes outside the catalog, or has no body", () => {
    const errors = read((d) => {
      d.paths["/things/{id}"].get.responses["409"] = { description: "No body." };
      d.paths["/things/{id}"].get.responses["500"] = json({ oneOf: [ref("down"), { type: "object" }] });
    }).operations[0]?.errors;
    expect(errors?.map((e) => [e.status, e.codes, e.open])).toEqual([
      ["404", ["missing"], false],
      ["409", [], true],
      ["429", [], true],
      ["500", ["down"], true],
      ["default", ["missing", "down"], false],
    ]);
  });

  it("sorts the statuses of an operation by key, ranges among them", () => {
    // Listed after `default`: an object keeps integer keys in order by itself, ranges as written.
    const get = read((d) => {
      d.paths["/things/{id}"].get.responses["5XX"] = json(ref("down"));
      d.paths["/things/{id}"].get.responses["4XX"] = json(ref("bad"));
    }).operations[0];
    expect(get?.errors.map((e) => e.status)).toEqual(["404", "429", "4XX", "5XX", "default"]);
  });

  it("marks an operation inferred only when the spec says why", () => {
    const [get, put] = read(() => {}).operations;
    expect(get?.inferred).toBe("Not documented.");
    expect(put).not.toHaveProperty("inferred");
  });
});

describe("contractOf, the API's own settings", () => {
  const contract = (edit: (doc: Doc) => void = () => {}) => contractOf(document(edit), { name: "wit", root: "/r" });

  it("keeps the defaults without x-error-policy, in the model and in the tables generated code holds", () => {
    const { policy, tables, auth } = contract();
    expect(policy).toEqual({ requestIdHeader: "X-Request-Id", codeFormat: "snake_case", retryAfterOn429: true });
    expect(tables.policy).toEqual({ requestIdHeader: "X-Request-Id", retryAfterOn429: true });
    expect(auth).toEqual({ scheme: "bearer" });
  });

  it("reads x-error-policy, and refuses a setting it does not know", () => {
    const policy = { requestIdHeader: null, codeFormat: "UPPER_SNAKE", retryAfterOn429: false };
    expect(contract((doc) => (doc["x-error-policy"] = policy)).policy).toEqual(policy);
    const refused = problemOf(() => contract((doc) => (doc["x-error-policy"] = { retryAfter: false })));
    expect(refused).toMatchObject({ problem: "`x-error-policy.retryAfter` is not a setting." });
  });

  it.each([
    [
      { type: "apiKey", in: "header", name: "Api-Key" },
      { scheme: "apiKey", in: "header", name: "Api-Key" },
    ],
    [
      { type: "apiKey", in: "query", name: "key" },
      { scheme: "apiKey", in: "query", name: "key" },
    ],
    [{ type: "http", scheme: "Basic" }, { scheme: "basic" }],
    [{ type: "http", scheme: "bearer" }, { scheme: "bearer" }],
    [{ type: "apiKey", in: "cookie", name: "k" }, { scheme: "bearer" }],
  ])("takes the auth scheme from securitySchemes: %o", (scheme, auth) => {
    expect(contract((doc) => (doc.components.securitySchemes = { key: scheme })).auth).toEqual(auth);
  });

  it("gives a code sent with several statuses each of them, its first as `status`", () => {
    const { catalog, tables } = contract((doc) => {
      doc.components.schemas.missing["x-error-status"] = [410, 404];
    });
    expect(catalog.find((e) => e.code === "missing")).toMatchObject({ status: 404, statuses: [404, 410] });
    expect(tables.catalog.missing).toMatchObject({ status: 404, statuses: [404, 410] });
    expect(tables.catalog.bad).not.toHaveProperty("statuses");
    expect(tables.codesByStatus).toMatchObject({ 404: ["missing"], 410: ["missing"] });
  });

  it.each([[[]], [[404, 404]], [[404, 99]]])("refuses x-error-status %j", (statuses) => {
    const refused = problemOf(() => contract((doc) => (doc.components.schemas.missing["x-error-status"] = statuses)));
    expect(refused.problem).toBe(`Error code "missing" has status ${JSON.stringify(statuses)}.`);
  });
});
