// One fixture pair per change kind: the real specs against a copy with one edit, read through
// the contract reader and compared; each case states every change it must produce, with its
// severity, and the semver verdict.
import { cp, rename } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/diff/contract.js";
import { diffContracts } from "../../scripts/diff/compare.js";
import { semverOf, type Change, type Semver } from "../../scripts/diff/kinds.js";
import { readContracts } from "../../scripts/diff/read-contracts.js";
import { removeCopies, replaceIn, ROOT, specsCopy } from "./fixture.js";

type In = (api: string, path: string) => string;

interface Case {
  readonly api: "ittybit" | "willittrack";
  readonly edit: (file: In) => Promise<void>;
  readonly want: readonly Partial<Change>[];
  readonly semver: Semver;
}

const KEY_409 = `    '409':
      description: The key is the one this request uses.
      headers:
        X-Request-Id:
          $ref: ../components/headers/X-Request-Id.yaml
`;

const CASES: [string, Case][] = [
  [
    "code-removed: a code leaves the catalog and its one operation",
    {
      api: "willittrack",
      edit: async (file) => {
        await replaceIn(file("willittrack", "openapi.yaml"), /\n {4}cannot_revoke_current_key:\n.*\n/, "\n");
        await replaceIn(file("willittrack", "paths/keys_{id}.yaml"), /\n {4}'409':\n(?: {6,}.*\n)+/, "\n");
      },
      want: [
        { change: "code-removed", severity: "breaking", code: "cannot_revoke_current_key", status: "409" },
        {
          change: "operation-error-removed",
          severity: "breaking",
          operation: "DELETE /keys/{id}",
          status: "409",
          before: ["cannot_revoke_current_key"],
        },
      ],
      semver: "major",
    },
  ],
  [
    "code-added: a new code in the catalog",
    {
      api: "ittybit",
      edit: async (file) => {
        await replaceIn(
          file("ittybit", "openapi.yaml"),
          "  schemas:\n",
          "  schemas:\n    token_expired:\n      $ref: ./components/schemas/errors/token_expired.yaml\n",
        );
        await cp(
          file("ittybit", "components/schemas/errors/token_missing.yaml"),
          file("ittybit", "components/schemas/errors/token_expired.yaml"),
        );
        await replaceIn(
          file("ittybit", "components/schemas/errors/token_expired.yaml"),
          "const: token_missing",
          "const: token_expired",
        );
      },
      want: [{ change: "code-added", severity: "warning", code: "token_expired", status: "401" }],
      semver: "minor",
    },
  ],
  [
    "code-status-changed: same retryability",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/schemas/errors/url_required.yaml"),
          "x-error-status: 400",
          "x-error-status: 422",
        ),
      want: [{ change: "code-status-changed", severity: "breaking", code: "url_required", before: 400, after: 422 }],
      semver: "major",
    },
  ],
  [
    "code-retryable-changed: 500 to 501 stops the retries",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/schemas/errors/internal_error.yaml"),
          "x-error-status: 500",
          "x-error-status: 501",
        ),
      want: [
        { change: "code-status-changed", severity: "breaking", code: "internal_error", before: 500, after: 501 },
        {
          change: "code-retryable-changed",
          severity: "breaking",
          code: "internal_error",
          before: true,
          after: false,
          why: "The clients stop retrying it, so a temporary failure now reaches your code.",
        },
      ],
      semver: "major",
    },
  ],
  [
    "code-type-changed",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "components/schemas/errors/rate_limited.yaml"),
          "const: invalid_request_error",
          "const: api_error",
        ),
      want: [
        {
          change: "code-type-changed",
          severity: "breaking",
          code: "rate_limited",
          before: "invalid_request_error",
          after: "api_error",
        },
      ],
      semver: "major",
    },
  ],
  [
    "operation-error-added: an operation gains a code",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "paths/checks.yaml"),
          "              - $ref: ../components/schemas/errors/invalid_json.yaml\n",
          "              - $ref: ../components/schemas/errors/invalid_json.yaml\n" +
            "              - $ref: ../components/schemas/errors/too_many_urls.yaml\n",
        ),
      want: [
        {
          change: "operation-error-added",
          severity: "warning",
          operation: "POST /checks",
          status: "400",
          code: "too_many_urls",
        },
      ],
      semver: "minor",
    },
  ],
  [
    "operation-error-added: an operation gains a status",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "paths/keys_{id}.yaml"),
          "    '409':\n",
          "    '402':\n      $ref: ../components/responses/PaymentRequired.yaml\n    '409':\n",
        ),
      want: [
        {
          change: "operation-error-added",
          severity: "warning",
          operation: "DELETE /keys/{id}",
          status: "402",
          after: ["insufficient_credits"],
        },
      ],
      semver: "minor",
    },
  ],
  [
    "operation-error-removed: an operation loses a code",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "paths/checks.yaml"),
          "              - $ref: ../components/schemas/errors/invalid_json.yaml\n",
          "",
        ),
      want: [
        {
          change: "operation-error-removed",
          severity: "breaking",
          operation: "POST /checks",
          status: "400",
          code: "invalid_json",
        },
      ],
      semver: "major",
    },
  ],
  [
    "operation-error-removed: an operation loses a status",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "paths/events_{id}.yaml"),
          "    '403':\n      $ref: ../components/responses/Forbidden.yaml\n",
          "",
        ),
      want: [
        {
          change: "operation-error-removed",
          severity: "breaking",
          operation: "GET /events/{id}",
          status: "403",
          before: ["project_required"],
        },
      ],
      semver: "major",
    },
  ],
  [
    "a status gets a documented code instead of the open envelope",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "paths/events_{id}.yaml"),
          "$ref: ../components/responses/NotFound.yaml",
          "$ref: ../components/responses/TaskNotFound.yaml",
        ),
      want: [
        {
          change: "operation-error-added",
          severity: "warning",
          operation: "GET /events/{id}",
          status: "404",
          code: "task_not_found",
        },
        { change: "operation-error-closed", severity: "info", operation: "GET /events/{id}", status: "404" },
        // The shared response it left was marked; the one it uses now is documented.
        {
          change: "inferred-changed",
          severity: "info",
          operation: "GET /events/{id}",
          status: "404",
          after: undefined,
        },
      ],
      semver: "minor",
    },
  ],
  [
    "envelope-changed: a pointer moves",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(file("willittrack", "openapi.yaml"), "requestId: /error/request_id", "requestId: /error/requestId"),
      want: [
        {
          change: "envelope-changed",
          severity: "breaking",
          field: "requestId",
          before: "/error/request_id",
          after: "/error/requestId",
        },
      ],
      semver: "major",
    },
  ],
  [
    "header-removed: X-Request-Id on an error response",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "paths/keys_{id}.yaml"),
          KEY_409,
          "    '409':\n      description: The key is the one this request uses.\n      headers:\n",
        ),
      want: [
        {
          change: "header-removed",
          severity: "breaking",
          operation: "DELETE /keys/{id}",
          status: "409",
          header: "X-Request-Id",
        },
      ],
      semver: "major",
    },
  ],
  [
    "header-added: Retry-After on an error response",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "paths/keys_{id}.yaml"),
          KEY_409,
          `${KEY_409}        Retry-After:\n          $ref: ../components/headers/Retry-After.yaml\n`,
        ),
      want: [
        {
          change: "header-added",
          severity: "info",
          operation: "DELETE /keys/{id}",
          status: "409",
          header: "Retry-After",
        },
      ],
      semver: "patch",
    },
  ],
  [
    "operation-removed",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(file("ittybit", "openapi.yaml"), "  /events/{id}:\n    $ref: ./paths/events_{id}.yaml\n", ""),
      want: [{ change: "operation-removed", severity: "breaking", operation: "GET /events/{id}" }],
      semver: "major",
    },
  ],
  [
    "operation-added",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "paths/events_{id}.yaml"),
          "get:\n",
          "delete:\n  operationId: deleteEvent\n  tags: [Events]\n" +
            "  responses:\n    '204':\n      description: Deleted.\nget:\n",
        ),
      want: [{ change: "operation-added", severity: "info", operation: "DELETE /events/{id}" }],
      semver: "patch",
    },
  ],
  [
    "operation-id-changed",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(file("ittybit", "paths/tasks_{id}.yaml"), "operationId: getTask", "operationId: retrieveTask"),
      want: [
        {
          change: "operation-id-changed",
          severity: "breaking",
          operation: "GET /tasks/{id}",
          before: "getTask",
          after: "retrieveTask",
        },
      ],
      semver: "major",
    },
  ],
  [
    "description-changed",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/schemas/errors/token_missing.yaml"),
          "description: No auth token provided",
          "description: No API key provided",
        ),
      want: [
        {
          change: "description-changed",
          severity: "info",
          code: "token_missing",
          before: "No auth token provided",
          after: "No API key provided",
        },
      ],
      semver: "patch",
    },
  ],
  [
    "example-changed",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/schemas/errors/token_missing.yaml"),
          "No API key was provided.",
          "The API key is missing.",
        ),
      want: [{ change: "example-changed", severity: "info", code: "token_missing" }],
      semver: "patch",
    },
  ],
  [
    "inferred-changed: a code becomes inferred",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/schemas/errors/token_missing.yaml"),
          "x-error-status: 401",
          "x-error-status: 401\nx-inferred: The status is assumed.",
        ),
      want: [
        {
          change: "inferred-changed",
          severity: "info",
          code: "token_missing",
          before: undefined,
          after: "The status is assumed.",
        },
      ],
      semver: "patch",
    },
  ],
  [
    "inferred-changed: a shared response component becomes inferred, on the operation that uses it",
    {
      api: "ittybit",
      edit: (file) =>
        replaceIn(
          file("ittybit", "components/responses/RunNotFound.yaml"),
          "description: The run does not exist.",
          "description: The run does not exist.\nx-inferred: The status is assumed.",
        ),
      want: [
        {
          change: "inferred-changed",
          severity: "info",
          operation: "GET /runs/{id}",
          status: "404",
          before: undefined,
          after: "The status is assumed.",
        },
      ],
      semver: "patch",
    },
  ],
  [
    "error-type-statuses-changed",
    {
      api: "willittrack",
      edit: (file) =>
        replaceIn(
          file("willittrack", "components/schemas/ErrorType.yaml"),
          "x-error-statuses: [500, 503]",
          "x-error-statuses: [500, 502, 503]",
        ),
      want: [
        {
          change: "error-type-statuses-changed",
          severity: "info",
          errorType: "api_error",
          before: [500, 503],
          after: [500, 502, 503],
        },
      ],
      semver: "patch",
    },
  ],
];

let base: Contract[];

beforeAll(async () => {
  base = await readContracts(join(ROOT, "redocly.yaml"));
});

afterAll(removeCopies);

/** The head side read from an edited copy; only the edited API, so each case reads one spec. */
async function diffAgainst(api: string, edit?: (file: In) => Promise<void>): Promise<Change[]> {
  const dir = await specsCopy(edit);
  const head = await readContracts(join(dir, "redocly.yaml"), { only: api });
  return diffContracts(
    base.filter((c) => c.name === api),
    head,
  );
}

describe("diff of the real specs against a copy with one edit", () => {
  it("reports nothing for an unedited copy", async () => {
    const dir = await specsCopy();
    expect(diffContracts(base, await readContracts(join(dir, "redocly.yaml")))).toEqual([]);
  });

  it.each(CASES)("%s", async (_, { api, edit, want, semver }) => {
    const changes = await diffAgainst(api, edit);
    expect(changes).toEqual(want.map((w) => expect.objectContaining({ api, ...w })));
    for (const change of changes) expect(change.why).toMatch(/^\S.*\.$/);
    expect(semverOf(changes)).toBe(semver);
  });

  it("reports nothing when a file is renamed and its references follow", async () => {
    const changes = await diffAgainst("ittybit", async (file) => {
      await rename(
        file("ittybit", "components/responses/TaskNotFound.yaml"),
        file("ittybit", "components/responses/MissingTask.yaml"),
      );
      await rename(
        file("ittybit", "components/schemas/errors/task_not_found.yaml"),
        file("ittybit", "components/schemas/errors/task-not-found.yaml"),
      );
      await replaceIn(
        file("ittybit", "paths/tasks_{id}.yaml"),
        "responses/TaskNotFound.yaml",
        "responses/MissingTask.yaml",
      );
      await replaceIn(
        file("ittybit", "components/responses/MissingTask.yaml"),
        "errors/task_not_found.yaml",
        "errors/task-not-found.yaml",
      );
      await replaceIn(file("ittybit", "openapi.yaml"), "errors/task_not_found.yaml", "errors/task-not-found.yaml");
      await replaceIn(file("ittybit", "openapi.yaml"), "responses/TaskNotFound.yaml", "responses/MissingTask.yaml");
    });
    expect(changes).toEqual([]);
    expect(semverOf(changes)).toBe("none");
  });
});
