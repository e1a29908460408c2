// The Errors section generator: the Markdown Redoc renders for the catalog, and the error lines
// added to each operation.
import { describe, expect, it } from "vitest";
import { errorAnchor } from "../../src/docs-anchor.js";
import {
  ERRORS_TAG,
  errorsMarkdown,
  headingId,
  operationErrorsMarkdown,
  retryAdvice,
  statusLabel,
  type ErrorDocsModel,
} from "../../scripts/docs/errors-section.js";
import { cell, code, fence, table } from "../../scripts/docs/markdown.js";
import type { CatalogEntry, Operation } from "../../scripts/contract/index.js";
import { RETRYABLE_STATUSES } from "../../src/http.js";
import { API_NAMES, realContract, VENDOR_APIS } from "../support/contracts.js";

const entry = (code: string, status: number, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  code,
  status,
  statuses: [status],
  description: `${code} happened.`,
  retryable: RETRYABLE_STATUSES.includes(status),
  example: { kind: code, message: "m" },
  schema: code,
  ...extra,
});

const operation = (
  method: string,
  path: string,
  errors: Omit<Operation["errors"][number], "headers">[],
): Operation => ({
  key: `${method} ${path}`,
  method,
  path,
  operationId: `${method}${path}`,
  errors: errors.map((e) => ({ ...e, headers: [] })),
  successStatuses: [],
});

/** Ittybit-like: a flat envelope, no types. */
const flat: ErrorDocsModel = {
  envelope: { code: ["kind"], message: ["message"] },
  catalog: [entry("thing_missing", 404), entry("rate_limited", 429)],
  errorTypes: [],
  operations: [
    operation("GET", "/things/{id}", [
      { status: "404", codes: ["thing_missing"], open: false },
      { status: "429", codes: ["rate_limited"], open: false },
      { status: "503", codes: [], open: true },
    ]),
    operation("DELETE", "/things/{id}", [{ status: "429", codes: ["rate_limited"], open: false }]),
  ],
};

/** WillItTrack-like: a nested envelope with a type, a request id and a docs link; one operation. */
const nested: ErrorDocsModel = {
  envelope: {
    code: ["error", "code"],
    message: ["error", "message"],
    type: ["error", "type"],
    requestId: ["error", "request_id"],
    docsUrl: ["error", "doc_url"],
  },
  catalog: [entry("not_found", 404, { type: "invalid_request_error" })],
  // As a YAML block scalar reads: broken lines, and a final newline.
  errorTypes: [{ type: "invalid_request_error", statuses: [400, 404], description: "The request was\n  wrong.\n" }],
  operations: [operation("GET", "/a", [{ status: "404", codes: ["not_found"], open: false }])],
};

/** A code sent with two statuses that no operation returns; two operations declare bare statuses. */
const unreturned: ErrorDocsModel = {
  ...flat,
  catalog: [entry("denied", 401, { statuses: [401, 403], description: "Not yours.\n" })],
  operations: [
    operation("GET", "/a", [{ status: "503", codes: [], open: true }]),
    operation("GET", "/b", [{ status: "500", codes: [], open: true }]),
  ],
};

describe("the anchor of a code", () => {
  it("is in lower case, as Redoc writes a heading's id, so an UPPER_SNAKE code's route finds it", () => {
    expect(errorAnchor("INVALID_REQUEST")).toBe("/errors/invalid_request");
    expect(headingId("INVALID_REQUEST")).toBe("invalid_request");
  });

  it.each(API_NAMES)("is Redoc's route to its heading in the %s catalog", async (api) => {
    for (const { code } of (await realContract(api)).catalog) {
      expect(`/${ERRORS_TAG.toLowerCase()}/${headingId(code)}`).toBe(errorAnchor(code));
    }
  });
});

describe("statusLabel", () => {
  it.each([
    [404, "404 Not Found"],
    ["429", "429 Too Many Requests"],
    ["default", "default (any other status)"],
    ["4XX", "4XX (any other 4xx status)"],
    ["5XX", "5XX (any other 5xx status)"],
    [499, "499"],
  ])("%s → %s", (status, label) => expect(statusLabel(status)).toBe(label));
});

describe("retryAdvice", () => {
  it.each([
    [400, false, /^No\. /],
    [429, true, /^Yes, after the delay in the `Retry-After` header/],
    [503, true, /^Yes, with backoff/],
  ])("status %s (retryable %s)", (status, retryable, advice) => {
    expect(retryAdvice({ status, retryable })).toMatch(advice);
  });
});

describe("errorsMarkdown", () => {
  const cases: [string, ErrorDocsModel, (RegExp | string)[], (RegExp | string)[]][] = [
    [
      "a flat envelope",
      flat,
      [
        "Branch on `kind`, never on `message`.",
        "- `kind`: the code.",
        "**Statuses with no documented code:** `503 Service Unavailable`",
      ],
      ["**Statuses and types**", "error.type"],
    ],
    [
      "a nested envelope with types",
      nested,
      [
        "Branch on `error.code`",
        "- `error.request_id`: the request's ID",
        "- `error.doc_url`: a link to the vendor's own page about the code.",
        "| 400 Bad Request | `invalid_request_error` |",
        // No list of bare statuses between the types and the codes: every declared status has a code.
        "- `invalid_request_error`: The request was wrong.\n\n**Codes**",
        // Its one operation is named: "every operation" would say there are more.
        "- **Returned by:** `GET /a`",
      ],
      ["no documented code", "every operation"],
    ],
    [
      "a code on two statuses that no operation returns",
      unreturned,
      [
        "| [denied](#/errors/denied) | 401, 403 | no | documented |",
        "Not yours.\n\n- **Status:** 401 Unauthorized, 403 Forbidden\n- **Retry:** No. The same request gets the " +
          "same error; change the request, or what it depends on, first.\n\n**Example body**",
        "**Statuses with no documented code:** `500 Internal Server Error`, `503 Service Unavailable`.",
      ],
      ["**Returned by:**"],
    ],
  ];
  it.each(cases)("describes %s", (_, model, present, absent) => {
    const markdown = errorsMarkdown(model);
    for (const text of present) expect(markdown).toContain(text);
    for (const text of absent) expect(markdown).not.toContain(text);
  });

  it("has one heading per code, at the id its anchor needs, in catalog order", () => {
    const headings = errorsMarkdown(flat).match(/^### .*$/gm);
    expect(headings).toEqual(["### thing_missing {% #thing_missing %}", "### rate_limited {% #rate_limited %}"]);
  });

  it.each([
    ["thing_missing", ["- **Status:** 404 Not Found", "- **Retry:** No.", "- **Returned by:** `GET /things/{id}`"]],
    [
      "rate_limited",
      [
        "- **Status:** 429 Too Many Requests",
        "- **Retry:** Yes, after the delay",
        "- **Returned by:** every operation",
      ],
    ],
  ])("gives %s its status, retry advice, operations and example", (errorCode, facts) => {
    const section = errorsMarkdown(flat)
      .split("### ")
      .find((part) => part.startsWith(`${errorCode} `))!;
    expect(section).toContain(`${errorCode} happened.`);
    for (const fact of facts) expect(section).toContain(fact);
    expect(section).toContain(fence(JSON.stringify({ kind: errorCode, message: "m" }, null, 2), "json"));
  });

  it("shows the type of a code when the envelope has one", () => {
    expect(errorsMarkdown(nested)).toContain("- **Type:** `invalid_request_error`");
    expect(errorsMarkdown(flat)).not.toContain("**Type:**");
  });

  it("links every code from the index table", () => {
    expect(errorsMarkdown(flat)).toContain("| [thing_missing](#/errors/thing_missing) | 404 | no |");
  });

  // The vendors' own snapshots: an API added to redocly.yaml needs none.
  it.each(VENDOR_APIS)("matches the snapshot for %s", async (api) => {
    await expect(errorsMarkdown(await realContract(api))).toMatchFileSnapshot(`__snapshots__/${api}-errors.md`);
  });
});

describe("operationErrorsMarkdown", () => {
  it.each([
    [
      "a closed union",
      { status: "400", codes: ["a", "b"], open: false },
      "- 400 Bad Request: [a](#/errors/a), [b](#/errors/b)",
    ],
    [
      "codes and the open envelope",
      { status: "404", codes: ["a"], open: true },
      "- 404 Not Found: [a](#/errors/a), or a code not documented here",
    ],
    [
      "the envelope only",
      { status: "403", codes: [], open: true },
      "- 403 Forbidden: no documented code; the body is the envelope",
    ],
  ])("lists %s", (_, response, line) => {
    const markdown = operationErrorsMarkdown(operation("GET", "/x", [response]));
    expect(markdown.split("\n")).toEqual(["**Error codes** (see [Errors](#/errors))", "", line]);
  });

  it("adds nothing for an operation without error responses", () => {
    expect(operationErrorsMarkdown(operation("GET", "/x", []))).toBe("");
  });
});

describe("Markdown helpers", () => {
  it.each([
    ["a | b", "a \\| b"],
    ["one\n  two", "one two"],
    [" padded \n", "padded"],
  ])("cell(%j) = %j", (text, want) => expect(cell(text)).toBe(want));

  it.each([
    ["plain", "`plain`"],
    ["a`b", "`` a`b ``"],
    ["a``b", "``` a``b ```"],
  ])("code(%j) = %j", (text, want) => expect(code(text)).toBe(want));

  it("fences text that holds a fence with a longer one", () => {
    expect(fence("```\nx\n```", "md")).toBe("````md\n```\nx\n```\n````");
  });

  it("builds a table with escaped cells", () => {
    expect(table(["A", "B"], [["1", "x|y"]])).toBe("| A | B |\n|---|---|\n| 1 | x\\|y |");
  });
});

describe("an inferred status", () => {
  it("is marked in the code's entry and in the index of codes", () => {
    const model = {
      ...flat,
      catalog: [entry("thing_missing", 404, { inferred: "No status is documented; 404 is assumed." })],
    };
    const markdown = errorsMarkdown(model);
    expect(markdown).toContain("**Inferred:** No status is documented; 404 is assumed.");
    expect(markdown).toContain("| 404 | no | inferred |");
  });
});
