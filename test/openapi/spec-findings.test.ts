// Facts the specs state about the vendors' APIs that a test can hold: response shapes a real
// body must fit, and every assumption marked `x-inferred`. Each case checks the bundled spec
// (what consumers, Prism and the docs read), with the project's JSON Schema validator.
import { describe, expect, it } from "vitest";
import { willItTrackOperationErrors } from "../../generated/willittrack/errors.js";
import { operationsOf as operations } from "../../scripts/contract/index.js";
import { at, bundled, isObject, type JsonObject, jsonBody, marked, refTarget, validate } from "../support/bundled.js";

const ittybit = bundled("ittybit");
const willItTrack = bundled("willittrack");

describe("WillItTrack list operations", () => {
  const items = [
    { slug: "abc123", healthScore: 85 },
    { slug: "def456", cookieExpiryDays: null },
  ];

  it.each([["/checks"], ["/monitors"]])("GET %s accepts a real list body and rejects an object", (path) => {
    const body = jsonBody(willItTrack, path, "get", "200");
    expect(validate(willItTrack, body, { data: items })).toEqual([]);
    expect(validate(willItTrack, body, { data: { slug: "abc123" } })).not.toEqual([]);
  });

  it.each([["/checks"], ["/monitors"]])("GET %s says its list is assumed, on the operation or its path", (path) => {
    expect(marked(at(willItTrack, "paths", path, "get")) || marked(at(willItTrack, "paths", path))).toBe(true);
  });
});

describe("WillItTrack check result", () => {
  const check = refTarget(willItTrack, at(jsonBody(willItTrack, "/checks", "post", "201"), "properties", "data"));

  it("accepts cookieExpiryDays: null, marked as assumed, and rejects a string", () => {
    expect(validate(willItTrack, check, { cookieExpiryDays: null })).toEqual([]);
    expect(validate(willItTrack, check, { cookieExpiryDays: 30 })).toEqual([]);
    expect(validate(willItTrack, check, { cookieExpiryDays: "30" })).not.toEqual([]);
    expect(marked(at(check, "properties", "cookieExpiryDays"))).toBe(true);
  });
});

describe("WillItTrack X-Request-Id on errors", () => {
  const errorResponses = [...operations(willItTrack)].flatMap(({ path, method, operation }) =>
    Object.entries(isObject(operation.responses) ? operation.responses : {})
      .filter(([status]) => /^[45]/.test(status))
      .map(
        ([status, response]) =>
          [`${method.toUpperCase()} ${path} ${status}`, refTarget(willItTrack, response)] as const,
      ),
  );

  it("is declared on every error response and required on none, since request_id may be null", () => {
    expect(errorResponses.length).toBeGreaterThan(50);
    for (const [name, response] of errorResponses) {
      const header = refTarget(willItTrack, at(response, "headers", "X-Request-Id"));
      expect(header, name).toBeDefined();
      expect(at(header, "required"), name).not.toBe(true);
      expect(marked(header), name).toBe(true);
    }
    const requestId = refTarget(
      willItTrack,
      at(willItTrack, "components", "schemas", "WillItTrackError", "properties", "error", "properties", "request_id"),
    );
    expect(at(requestId, "type")).toContain("null");
  });
});

describe("WillItTrack scanner unavailable", () => {
  it.each([["POST /checks"], ["POST /batches"], ["POST /detect"]] as const)(
    "%s, which runs the scanner, declares 503 scanner_unavailable, marked as assumed",
    (operation) => {
      const errors = willItTrackOperationErrors[operation] as Record<string, { codes: readonly string[] }>;
      expect(errors["503"]?.codes).toEqual(["scanner_unavailable"]);
      const [method, path] = operation.split(" ") as [string, string];
      expect(
        marked(refTarget(willItTrack, at(willItTrack, "paths", path, method.toLowerCase(), "responses", "503"))),
      ).toBe(true);
    },
  );
});

describe("WillItTrack POST /keys", () => {
  it("states only the documented dashboard token; the scheme marks API-key use as assumed", () => {
    const operation = at(willItTrack, "paths", "/keys", "post");
    expect(at(operation, "description")).toMatch(
      /^The documentation's example authenticates with a dashboard session token \(JWT\)\./,
    );
    // The operation is documented: the assumption is the scheme's, which covers every operation.
    expect(marked(operation)).toBe(false);
    const scheme = at(willItTrack, "components", "securitySchemes", "bearerAuth");
    expect(at(scheme, "x-inferred")).toMatch(/whether an API key may also manage keys is not documented/);
  });
});

describe("required request fields", () => {
  /** Request bodies whose required fields the documentation states, and where. */
  const DOCUMENTED: Record<string, string> = {
    "willittrack CheckCreate": "the error page's example: \"The 'url' parameter is required.\"",
  };
  const bodies = (
    [
      ["ittybit", ittybit],
      ["willittrack", willItTrack],
    ] as const
  ).flatMap(([api, doc]) =>
    [...operations(doc)].flatMap(({ path, method, operation }) => {
      const ref = at(operation as JsonObject, "requestBody", "content", "application/json", "schema", "$ref");
      return typeof ref === "string"
        ? [[`${api} ${ref.split("/").pop()}`, `${method.toUpperCase()} ${path}`, doc] as const]
        : [];
    }),
  );

  it.each(bodies)(
    "%s (%s) marks its required fields as assumed unless the documentation states them",
    (name, _operation, doc) => {
      const schema = at(doc, "components", "schemas", name.split(" ")[1]!);
      const required = at(schema, "required");
      if (!Array.isArray(required) || required.length === 0 || DOCUMENTED[name]) return;
      const everyFieldMarked = required.every((field) => marked(at(schema, "properties", field as string)));
      expect(marked(schema) || everyFieldMarked, `${name} requires ${required.join(", ")} without x-inferred`).toBe(
        true,
      );
    },
  );
});

describe("Ittybit Retry-After", () => {
  const header = refTarget(
    ittybit,
    at(ittybit, "components", "responses", "TooManyRequests", "headers", "Retry-After"),
  );

  it.each([[30], ["Wed, 21 Oct 2026 07:28:00 GMT"]])("accepts %j", (value) => {
    expect(validate(ittybit, at(header, "schema"), value)).toEqual([]);
  });

  it("rejects a negative number of seconds", () => {
    expect(validate(ittybit, at(header, "schema"), -1)).not.toEqual([]);
  });
});

describe("open envelopes", () => {
  it.each([
    ["ittybit", ittybit, "IttybitError"],
    ["willittrack", willItTrack, "WillItTrackError"],
  ] as const)("%s: the open envelope's description names every status that uses it", (_api, doc, name) => {
    const ref = `#/components/schemas/${name}`;
    const statuses = new Set<string>();
    for (const { operation } of operations(doc)) {
      for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        if (at(refTarget(doc, response), "content", "application/json", "schema", "$ref") === ref) statuses.add(status);
      }
    }
    expect(statuses.size).toBeGreaterThan(0);
    const description = String(at(doc, "components", "schemas", name, "description"));
    expect([...statuses].filter((status) => !description.includes(status))).toEqual([]);
  });

  it("Ittybit's names the endpoints of its 404", () => {
    expect(String(at(ittybit, "components", "schemas", "IttybitError", "description"))).toMatch(
      /404 on events, webhook endpoints, connections and keys/,
    );
  });
});

describe("example messages", () => {
  it.each([
    ["ittybit", ittybit],
    ["willittrack", willItTrack],
  ] as const)("%s marks the example messages it wrote", (_api, doc) => {
    expect(at(doc, "components", "schemas", "ErrorMessage", "x-inferred")).toMatch(/written by this project/);
  });
});

describe("Ittybit generation", () => {
  it("says which generation the spec describes and what info.version means", () => {
    const description = String(at(ittybit, "info", "description"));
    const version = String(at(ittybit, "info", "version"));
    expect(description).toContain(`\`info.version\` is the date of the newest`);
    expect(description).toContain(version);
    expect(description).toMatch(/the live API may have moved on/);
  });
});
