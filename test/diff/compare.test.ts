// The diff as a pure function over contract models built by hand: the change kinds that the
// real specs cannot show with a one-line edit, and the order of the changes.
import { describe, expect, it } from "vitest";
import type { ContractError, ContractOperation, ContractView } from "../../scripts/diff/contract.js";
import { diffContracts } from "../../scripts/diff/compare.js";
import type { Change } from "../../scripts/diff/kinds.js";

const notFound: ContractError = {
  status: "404",
  codes: ["thing_missing"],
  open: false,
  headers: [{ name: "X-Request-Id", required: true, example: "req_1" }],
};

const getThing: ContractOperation = {
  key: "GET /things/{id}",
  method: "GET",
  path: "/things/{id}",
  operationId: "getThing",
  errors: [notFound],
  successStatuses: ["200"],
};

const api: ContractView = {
  name: "demo",
  typeName: "Demo",
  envelope: { code: ["error", "code"], message: ["error", "message"], type: ["error", "type"] },
  fields: { code: "code", type: "type" },
  catalog: [
    {
      code: "thing_missing",
      status: 404,
      statuses: [404],
      type: "not_found",
      description: "No such thing.",
      retryable: false,
      example: { error: { code: "thing_missing" } },
      schema: "thing_missing",
    },
  ],
  errorTypes: [{ type: "not_found", statuses: [404], description: "Missing." }],
  operations: [getThing],
};

/** `api` with its one operation's one error response changed. */
const withError = (error: Partial<ContractError>): ContractView => ({
  ...api,
  operations: [{ ...getThing, errors: [{ ...notFound, ...error }] }],
});

const cases: [string, ContractView[], ContractView[], Partial<Change>[]][] = [
  ["nothing changed", [api], [structuredClone(api)], []],
  ["api-removed", [api], [], [{ change: "api-removed", severity: "breaking", api: "demo", before: "demo" }]],
  ["api-added", [], [api], [{ change: "api-added", severity: "info", api: "demo", after: "demo" }]],
  [
    "api-renamed",
    [api],
    [{ ...api, typeName: "Demo2" }],
    [{ change: "api-renamed", severity: "breaking", before: "Demo", after: "Demo2" }],
  ],
  [
    "envelope-field-added",
    [api],
    [{ ...api, envelope: { ...api.envelope, requestId: ["error", "request_id"] } }],
    [{ change: "envelope-field-added", severity: "info", field: "requestId", after: "/error/request_id" }],
  ],
  [
    "envelope-changed: a pointer removed",
    [api],
    [{ ...api, envelope: { code: api.envelope.code, message: api.envelope.message } }],
    [{ change: "envelope-changed", severity: "breaking", field: "type", before: "/error/type", after: undefined }],
  ],
  [
    "a type where there was none is reported with the envelope field, not per code",
    [
      {
        ...api,
        envelope: { code: api.envelope.code, message: api.envelope.message },
        catalog: api.catalog.map(({ type: _, ...e }) => e),
      },
    ],
    [api],
    [{ change: "envelope-field-added", severity: "info", field: "type", after: "/error/type" }],
  ],
  [
    "policy-changed: the request id moved to another header",
    [{ ...api, policy: { requestIdHeader: "X-Request-Id", codeFormat: "snake_case", retryAfterOn429: true } }],
    [{ ...api, policy: { requestIdHeader: "Request-Id", codeFormat: "snake_case", retryAfterOn429: true } }],
    [
      {
        change: "policy-changed",
        severity: "breaking",
        field: "requestIdHeader",
        before: "X-Request-Id",
        after: "Request-Id",
      },
    ],
  ],
  [
    "code-status-changed: a second status for a code",
    [api],
    [{ ...api, catalog: api.catalog.map((e) => ({ ...e, statuses: [404, 410] })) }],
    [{ change: "code-status-changed", severity: "breaking", code: "thing_missing", before: 404, after: [404, 410] }],
  ],
  [
    "operation-error-opened",
    [api],
    [withError({ open: true })],
    [{ change: "operation-error-opened", severity: "warning", operation: "GET /things/{id}", status: "404" }],
  ],
  [
    "header-made-optional",
    [api],
    [withError({ headers: [{ name: "X-Request-Id", required: false, example: "req_1" }] })],
    [{ change: "header-made-optional", severity: "warning", header: "X-Request-Id", status: "404" }],
  ],
  [
    "header-made-required",
    [withError({ headers: [{ name: "X-Request-Id", required: false, example: "req_1" }] })],
    [api],
    [{ change: "header-made-required", severity: "info", header: "X-Request-Id" }],
  ],
  [
    "header names are case-insensitive; a header's example is docs only",
    [api],
    [withError({ headers: [{ name: "x-request-id", required: true, example: "req_2" }] })],
    [{ change: "example-changed", severity: "info", header: "x-request-id", before: "req_1", after: "req_2" }],
  ],
  [
    "header-removed: Retry-After",
    [withError({ headers: [{ name: "Retry-After", required: false }] })],
    [withError({ headers: [] })],
    [
      {
        change: "header-removed",
        severity: "breaking",
        header: "Retry-After",
        why: "The server may stop sending it: `retryAfterMs` goes undefined and retries fall back to backoff.",
      },
    ],
  ],
  [
    "error-type-removed and -added",
    [api],
    [{ ...api, errorTypes: [{ type: "missing", statuses: [404], description: "Missing." }] }],
    [
      { change: "error-type-removed", severity: "breaking", errorType: "not_found" },
      { change: "error-type-added", severity: "warning", errorType: "missing", after: [404] },
    ],
  ],
  [
    "inferred-changed on an operation",
    [api],
    [{ ...api, operations: [{ ...getThing, inferred: "Assumed." }] }],
    [{ change: "inferred-changed", severity: "info", operation: "GET /things/{id}", after: "Assumed." }],
  ],
  [
    "inferred-changed on an operation's error status",
    [withError({ inferred: "Assumed." })],
    [withError({ inferred: "Assumed otherwise." })],
    [
      {
        change: "inferred-changed",
        severity: "info",
        operation: "GET /things/{id}",
        status: "404",
        before: "Assumed.",
        after: "Assumed otherwise.",
      },
    ],
  ],
  [
    "code-retryable-changed: retries start",
    [api],
    [{ ...api, catalog: [{ ...api.catalog[0]!, status: 503, retryable: true }] }],
    [
      { change: "code-status-changed", before: 404, after: 503 },
      {
        change: "code-retryable-changed",
        severity: "breaking",
        before: false,
        after: true,
        why: "The clients start retrying it, so a call can take longer and repeat its request.",
      },
    ],
  ],
  [
    "a status change between two retryable statuses keeps retryable",
    [{ ...api, catalog: [{ ...api.catalog[0]!, status: 502, retryable: true }] }],
    [{ ...api, catalog: [{ ...api.catalog[0]!, status: 503, retryable: true }] }],
    [{ change: "code-status-changed", before: 502, after: 503 }],
  ],
  [
    "code-type-changed",
    [api],
    [{ ...api, catalog: [{ ...api.catalog[0]!, type: "gone" }] }],
    [{ change: "code-type-changed", code: "thing_missing", status: "404", before: "not_found", after: "gone" }],
  ],
  [
    "a code's description, example and inferred note, in the order of the kinds",
    [api],
    [{ ...api, catalog: [{ ...api.catalog[0]!, description: "Gone.", example: { error: {} }, inferred: "Assumed." }] }],
    [
      { change: "description-changed", code: "thing_missing", status: "404", before: "No such thing.", after: "Gone." },
      { change: "example-changed", code: "thing_missing", status: "404", after: { error: {} } },
      { change: "inferred-changed", code: "thing_missing", status: "404", before: undefined, after: "Assumed." },
    ],
  ],
  [
    "a description that differs only in its surrounding whitespace is unchanged",
    [api],
    [{ ...api, catalog: [{ ...api.catalog[0]!, description: "  No such thing.\n" }] }],
    [],
  ],
  [
    "error-type-statuses-changed, and the type's description",
    [api],
    [{ ...api, errorTypes: [{ type: "not_found", statuses: [404, 410], description: "Gone." }] }],
    [
      {
        change: "error-type-statuses-changed",
        severity: "info",
        errorType: "not_found",
        before: [404],
        after: [404, 410],
      },
      { change: "description-changed", errorType: "not_found", before: "Missing.", after: "Gone." },
    ],
  ],
  [
    "operation-removed",
    [api],
    [{ ...api, operations: [] }],
    [{ change: "operation-removed", severity: "breaking", operation: "GET /things/{id}" }],
  ],
  [
    "operation-id-changed",
    [api],
    [{ ...api, operations: [{ ...getThing, operationId: "fetchThing" }] }],
    [{ change: "operation-id-changed", operation: "GET /things/{id}", before: "getThing", after: "fetchThing" }],
  ],
  [
    "operation-error-removed: a whole status, with the codes it carried",
    [api],
    [{ ...api, operations: [{ ...getThing, errors: [] }] }],
    [{ change: "operation-error-removed", status: "404", before: ["thing_missing"] }],
  ],
  [
    "operation-error-added: a whole status, with the codes it carries",
    [{ ...api, operations: [{ ...getThing, errors: [] }] }],
    [api],
    [{ change: "operation-error-added", severity: "warning", status: "404", after: ["thing_missing"] }],
  ],
  [
    "a code that leaves a status and one that joins it",
    [api],
    [withError({ codes: ["thing_gone"] })],
    [
      { change: "operation-error-removed", status: "404", code: "thing_missing" },
      { change: "operation-error-added", status: "404", code: "thing_gone" },
    ],
  ],
  [
    "operation-error-closed",
    [withError({ open: true })],
    [api],
    [{ change: "operation-error-closed", severity: "info", operation: "GET /things/{id}", status: "404" }],
  ],
  [
    "header-added and -removed, each under its own name",
    [
      withError({
        headers: [
          { name: "X-Request-Id", required: true, example: "req_1" },
          { name: "X-Old", required: true },
        ],
      }),
    ],
    [
      withError({
        headers: [
          { name: "X-Request-Id", required: true, example: "req_1" },
          { name: "X-New", required: true },
        ],
      }),
    ],
    [
      { change: "header-removed", header: "X-Old", why: "Code that reads this header gets nothing." },
      { change: "header-added", header: "X-New", status: "404", operation: "GET /things/{id}" },
    ],
  ],
  [
    "a policy on one side only is no change",
    [{ ...api, policy: { requestIdHeader: "X-Request-Id", codeFormat: "snake_case", retryAfterOn429: true } }],
    [api],
    [],
  ],
  [
    "policy-changed: the code format and Retry-After on 429",
    [{ ...api, policy: { requestIdHeader: "X-Request-Id", codeFormat: "snake_case", retryAfterOn429: true } }],
    [{ ...api, policy: { requestIdHeader: "X-Request-Id", codeFormat: "UPPER_SNAKE", retryAfterOn429: false } }],
    [
      { change: "policy-changed", field: "codeFormat", before: "snake_case", after: "UPPER_SNAKE" },
      { change: "policy-changed", field: "retryAfterOn429", before: true, after: false },
    ],
  ],
  [
    // ENVELOPE_FIELDS lists type before requestId: the order is the sort's, by field.
    "two envelope pointers moved, ordered by field",
    [{ ...api, envelope: { ...api.envelope, requestId: ["request_id"] } }],
    [{ ...api, envelope: { ...api.envelope, type: ["type"], requestId: ["error", "request_id"] } }],
    [
      { change: "envelope-changed", field: "requestId", before: "/request_id", after: "/error/request_id" },
      { change: "envelope-changed", field: "type", before: "/error/type", after: "/type" },
    ],
  ],
  [
    // Found code first, then type: a type's change has no status, so it sorts first.
    "inferred notes on a code and an error type, ordered by status",
    [api],
    [
      {
        ...api,
        catalog: [{ ...api.catalog[0]!, inferred: "Assumed." }],
        errorTypes: [{ ...api.errorTypes[0]!, inferred: "Assumed." }],
      },
    ],
    [
      { change: "inferred-changed", errorType: "not_found" },
      { change: "inferred-changed", code: "thing_missing", status: "404" },
    ],
  ],
  [
    // Found by code, sorted by status: the status is the first field they differ in.
    "notes on two codes, ordered by status before code",
    [
      {
        ...api,
        catalog: [
          { ...api.catalog[0]!, code: "a_code", status: 500 },
          { ...api.catalog[0]!, code: "b_code" },
        ],
      },
    ],
    [
      {
        ...api,
        catalog: [
          { ...api.catalog[0]!, code: "a_code", status: 500, inferred: "Assumed." },
          { ...api.catalog[0]!, code: "b_code", inferred: "Assumed." },
        ],
      },
    ],
    [
      { change: "inferred-changed", code: "b_code", status: "404" },
      { change: "inferred-changed", code: "a_code", status: "500" },
    ],
  ],
  [
    "the same change on two operations, ordered by operation before status",
    [
      {
        ...api,
        operations: [
          { ...getThing, key: "GET /a", errors: [{ ...notFound, status: "500" }] },
          { ...getThing, key: "GET /b", errors: [notFound] },
        ],
      },
    ],
    [
      {
        ...api,
        operations: [
          { ...getThing, key: "GET /a", errors: [{ ...notFound, status: "500", open: true }] },
          { ...getThing, key: "GET /b", errors: [{ ...notFound, open: true }] },
        ],
      },
    ],
    [
      { change: "operation-error-opened", operation: "GET /a", status: "500" },
      { change: "operation-error-opened", operation: "GET /b", status: "404" },
    ],
  ],
];

describe("diffContracts", () => {
  it.each(cases)("%s", (_, base, head, want) => {
    expect(diffContracts(base, head)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  // The sentence names the field each API's errors carry the code in, from its model.
  it.each([
    ["code", { code: "code", type: "type" }, 'Checks for it on that operation (`error.code === "thing_missing"`)'],
    ["kind", { code: "kind" }, 'Checks for it on that operation (`error.kind === "thing_missing"`)'],
  ] as const)(
    "says how code that checks a removed operation error reads, for an API whose field is %s",
    (_, fields, why) => {
      const named = { ...api, fields };
      const [change] = diffContracts(
        [named],
        [{ ...named, operations: [{ ...getThing, errors: [{ ...notFound, codes: [] }] }] }],
      );
      expect(change).toMatchObject({ change: "operation-error-removed", code: "thing_missing" });
      expect(change!.why).toBe(`${why} stop compiling; its handler goes dead.`);
    },
  );

  it("words the changes of an API in the head's names", () => {
    const base = { ...api, fields: { code: "code" } };
    const head = {
      ...api,
      fields: { code: "kind" },
      operations: [{ ...getThing, errors: [{ ...notFound, codes: [] }] }],
    };
    const [change] = diffContracts([base], [head]);
    expect(change!.why).toContain('`error.kind === "thing_missing"`');
  });

  it("words the changes of a removed API with its own names", () => {
    const [change] = diffContracts([{ ...api, fields: { code: "kind" } }], []);
    expect(change).toMatchObject({ change: "api-removed", api: "demo" });
  });

  it("orders changes by API, severity, kind, then operation, status and code", () => {
    const other = { ...api, name: "another" };
    const head: ContractView[] = [
      {
        ...api,
        catalog: [],
        operations: [
          { ...getThing, errors: [{ ...notFound, codes: [] }] },
          { ...getThing, key: "DELETE /things/{id}", method: "DELETE", errors: [] },
        ],
      },
      { ...other, catalog: [...api.catalog, { ...api.catalog[0]!, code: "a_new_one" }] },
    ];
    const order = diffContracts([api, other], head).map((c) => [c.api, c.severity, c.change, c.operation ?? c.code]);
    expect(order).toEqual([
      ["another", "warning", "code-added", "a_new_one"],
      ["demo", "breaking", "code-removed", "thing_missing"],
      ["demo", "breaking", "operation-error-removed", "GET /things/{id}"],
      ["demo", "info", "operation-added", "DELETE /things/{id}"],
    ]);
  });
});
