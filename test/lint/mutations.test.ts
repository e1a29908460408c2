// Deliberately broken variants of the real specs. Each must be rejected by the rule meant to
// catch it, at the file that holds the mistake, and by no unrelated rule: `also` lists the
// rules of the other linter (or built-ins) that report the very same mistake.
import { relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintApi, loadLinters, type Linters } from "../../scripts/lint/index.js";
import { configPath, rulesetCache, rulesetPath } from "./helpers.js";
import { all, append, mutatedCopy, remove, set, tempRoot, type Api, type FileEdit } from "./mutate.js";

interface Mutation {
  readonly api: Api;
  readonly edits: readonly FileEdit[];
  /** The rule meant to catch the mistake, and the file (relative to the API folder) it must point at. */
  readonly rule: string;
  readonly at: string;
  readonly also?: readonly string[];
}

const ERRORS = "../components/schemas/errors";
const JSON_BODY = ["content", "application/json", "schema"];
const TASKS_400 = ["post", "responses", "400", ...JSON_BODY];

const mutations: readonly (readonly [string, Mutation])[] = [
  [
    "a code moved under the wrong status",
    {
      api: "ittybit",
      edits: [
        {
          file: "paths/tasks.yaml",
          edit: set([...TASKS_400, "oneOf", 2], { $ref: `${ERRORS}/payment_required.yaml` }),
        },
      ],
      rule: "contract-error-status",
      at: "paths/tasks.yaml",
    },
  ],
  [
    "a schema's status changed under the responses that list it",
    {
      api: "ittybit",
      edits: [{ file: "components/schemas/errors/token_missing.yaml", edit: set(["x-error-status"], 403) }],
      rule: "contract-error-status",
      at: "components/responses/Unauthorized.yaml",
    },
  ],
  [
    "Retry-After dropped from Ittybit's 429 (no headers left)",
    {
      api: "ittybit",
      edits: [{ file: "components/responses/TooManyRequests.yaml", edit: remove(["headers"]) }],
      rule: "contract-retry-after",
      at: "components/responses/TooManyRequests.yaml",
    },
  ],
  [
    "Retry-After dropped from WillItTrack's 429",
    {
      api: "willittrack",
      edits: [{ file: "components/responses/TooManyRequests.yaml", edit: remove(["headers", "Retry-After"]) }],
      rule: "contract-retry-after",
      at: "components/responses/TooManyRequests.yaml",
    },
  ],
  [
    "a duplicated code",
    {
      api: "willittrack",
      edits: [
        {
          file: "components/schemas/errors/invalid_urls.yaml",
          edit: all(
            set(["properties", "error", "properties", "code", "const"], "invalid_url"),
            set(["examples", 0, "error", "code"], "invalid_url"),
          ),
        },
      ],
      rule: "contract-code-unique",
      at: "components/schemas/errors/invalid_urls.yaml",
    },
  ],
  [
    "a discriminator on an error union",
    {
      api: "ittybit",
      edits: [{ file: "paths/tasks.yaml", edit: set([...TASKS_400, "discriminator"], { propertyName: "kind" }) }],
      rule: "contract-no-discriminator",
      at: "paths/tasks.yaml",
    },
  ],
  [
    "a discriminator in a shared response",
    {
      api: "willittrack",
      edits: [
        {
          file: "components/responses/Unauthorized.yaml",
          edit: set([...JSON_BODY, "discriminator"], { propertyName: "error" }),
        },
      ],
      rule: "contract-no-discriminator",
      at: "components/responses/Unauthorized.yaml",
    },
  ],
  [
    "a misspelled $ref",
    {
      api: "ittybit",
      edits: [
        { file: "paths/tasks.yaml", edit: set([...TASKS_400, "oneOf", 0, "$ref"], `${ERRORS}/request_invalid.yml`) },
      ],
      rule: "invalid-ref",
      at: "paths/tasks.yaml",
      also: ["no-unresolved-refs"],
    },
  ],
  [
    "a WillItTrack code with the wrong type",
    {
      api: "willittrack",
      edits: [
        {
          file: "components/schemas/errors/not_found.yaml",
          edit: all(
            set(["properties", "error", "properties", "type", "const"], "api_error"),
            set(["examples", 0, "error", "type"], "api_error"),
          ),
        },
      ],
      rule: "contract-error-type",
      at: "components/schemas/errors/not_found.yaml",
    },
  ],
  [
    "a status dropped from the error type table",
    {
      api: "willittrack",
      edits: [{ file: "components/schemas/ErrorType.yaml", edit: set(["oneOf", 3, "x-error-statuses"], [500]) }],
      rule: "contract-error-type",
      at: "components/schemas/errors/scanner_unavailable.yaml",
    },
  ],
  [
    "a dropped example",
    {
      api: "ittybit",
      edits: [{ file: "components/schemas/errors/run_not_found.yaml", edit: remove(["examples"]) }],
      rule: "contract-error-documented",
      at: "components/schemas/errors/run_not_found.yaml",
    },
  ],
  [
    "an example that does not validate",
    {
      api: "willittrack",
      edits: [
        { file: "components/schemas/errors/too_many_urls.yaml", edit: remove(["examples", 0, "error", "request_id"]) },
      ],
      rule: "contract-error-documented",
      at: "components/schemas/errors/too_many_urls.yaml",
      also: ["no-invalid-schema-examples"],
    },
  ],
  [
    "an empty description",
    {
      api: "ittybit",
      edits: [{ file: "components/schemas/errors/url_required.yaml", edit: set(["description"], "") }],
      rule: "contract-error-documented",
      at: "components/schemas/errors/url_required.yaml",
    },
  ],
  [
    "the 401 removed from an authenticated operation",
    {
      api: "willittrack",
      edits: [{ file: "paths/keys.yaml", edit: remove(["get", "responses", "401"]) }],
      rule: "contract-auth-401",
      at: "paths/keys.yaml",
    },
  ],
  [
    "the 400 removed from an operation with a request body",
    {
      api: "ittybit",
      edits: [{ file: "paths/webhooks_endpoints.yaml", edit: remove(["post", "responses", "400"]) }],
      rule: "contract-body-400",
      at: "paths/webhooks_endpoints.yaml",
    },
  ],
  [
    "an unknown vendor extension on an operation",
    {
      api: "ittybit",
      edits: [{ file: "paths/events.yaml", edit: set(["get", "x-internal"], true) }],
      rule: "contract-vendor-extensions",
      at: "paths/events.yaml",
    },
  ],
  [
    "an unused Redoc extension on the root",
    {
      api: "willittrack",
      edits: [{ file: "openapi.yaml", edit: set(["info", "x-logo"], { url: "https://example.test/logo.png" }) }],
      rule: "contract-vendor-extensions",
      at: "openapi.yaml",
    },
  ],
  [
    "a code that is not snake_case",
    {
      api: "ittybit",
      edits: [
        {
          file: "components/schemas/errors/run_not_found.yaml",
          edit: all(set(["properties", "kind", "const"], "RunNotFound"), set(["examples", 0, "kind"], "RunNotFound")),
        },
      ],
      rule: "contract-code-format",
      at: "components/schemas/errors/run_not_found.yaml",
    },
  ],
  [
    "an unreachable code",
    {
      api: "willittrack",
      edits: [
        {
          file: "paths/credits_topup.yaml",
          edit: set(["post", "responses", "503", ...JSON_BODY, "$ref"], `${ERRORS}/scanner_unavailable.yaml`),
        },
      ],
      rule: "contract-code-reachable",
      at: "components/schemas/errors/billing_unavailable.yaml",
    },
  ],
  [
    "a code outside the catalog",
    {
      api: "ittybit",
      edits: [
        {
          file: "paths/tasks.yaml",
          edit: append([...TASKS_400, "oneOf"], {
            type: "object",
            required: ["kind", "message"],
            properties: { kind: { type: "string", const: "source_too_large" }, message: { type: "string" } },
          }),
        },
      ],
      rule: "contract-code-in-catalog",
      at: "paths/tasks.yaml",
    },
  ],
  [
    "X-Request-Id dropped from a WillItTrack success response",
    {
      api: "willittrack",
      edits: [
        { file: "paths/credits_balance.yaml", edit: remove(["get", "responses", "200", "headers", "X-Request-Id"]) },
      ],
      rule: "contract-request-id",
      at: "paths/credits_balance.yaml",
    },
  ],
  [
    "a 4xx whose body is not the envelope",
    {
      api: "ittybit",
      edits: [
        {
          file: "components/responses/NotFound.yaml",
          edit: set(JSON_BODY, { type: "object", properties: { detail: { type: "string" } } }),
        },
      ],
      rule: "contract-error-body",
      at: "components/responses/NotFound.yaml",
    },
  ],
  [
    "an HTML 502 body",
    {
      api: "ittybit",
      edits: [
        {
          file: "components/responses/BadGateway.yaml",
          edit: set(["content"], { "text/html": { schema: { type: "string" } } }),
        },
      ],
      rule: "contract-error-body",
      at: "components/responses/BadGateway.yaml",
    },
  ],
  [
    "x-error-status removed",
    {
      api: "willittrack",
      edits: [{ file: "components/schemas/errors/check_failed.yaml", edit: remove(["x-error-status"]) }],
      rule: "contract-error-schema",
      at: "components/schemas/errors/check_failed.yaml",
    },
  ],
  [
    "an envelope field no longer required",
    {
      api: "ittybit",
      edits: [{ file: "components/schemas/errors/internal_error.yaml", edit: set(["required"], ["kind"]) }],
      rule: "contract-error-schema",
      at: "components/schemas/errors/internal_error.yaml",
    },
  ],
  [
    "the envelope declaration removed",
    {
      api: "willittrack",
      edits: [{ file: "openapi.yaml", edit: remove(["x-error-envelope"]) }],
      rule: "contract-envelope-declared",
      at: "openapi.yaml",
    },
  ],
];

describe("broken variants of the real specs", () => {
  let linters: Linters;
  let temp: Awaited<ReturnType<typeof tempRoot>>;

  beforeAll(async () => {
    [linters, temp] = await Promise.all([loadLinters(configPath, rulesetPath, rulesetCache), tempRoot()]);
  });
  afterAll(() => temp?.cleanup());

  it.each(mutations)("%s", async (_name, { api, edits, rule, at, also = [] }) => {
    const { dir, root } = await mutatedCopy(api, edits, temp.path);
    const findings = await lintApi(linters, root, api);
    const rules = [...new Set(findings.map((f) => f.rule))].sort();
    expect(rules, findings.map((f) => `${f.rule} ${relative(dir, f.file)}:${f.line} ${f.message}`).join("\n")).toEqual(
      [rule, ...also].sort(),
    );
    const intended = findings.filter((f) => f.rule === rule);
    expect(intended.map((f) => relative(dir, f.file))).toContain(at);
    expect(intended.every((f) => f.severity === "error")).toBe(true);
  });
});
