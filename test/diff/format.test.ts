// The two outputs: release-note sentences (one per change, the same change on several
// operations on one line, links only to entries the head side has) and JSON.
import { describe, expect, it } from "vitest";
import { sentence, toJson, toMarkdown, type Links, type NoteLine, type Report } from "../../scripts/diff/format.js";
import { semverOf, toChange, type ChangeFacts } from "../../scripts/diff/kinds.js";

const links: Links = {
  code: (api, code) => (code === "gone" ? undefined : `docs/${api}.html#/errors/${code}`),
  operation: (api, op) => `docs/${api}.html#/${op.replace(/\W+/g, "-")}`,
};

const report = (...facts: ChangeFacts[]): Report => {
  const changes = facts.map((f) => toChange(f, { fields: { code: "kind" } }));
  return { base: "v1", head: "working tree", semver: semverOf(changes), changes };
};

describe("toMarkdown", () => {
  it("links a code the head side still has, and not one it removed", () => {
    const md = toMarkdown(
      report(
        { api: "demo", change: "code-removed", code: "gone", status: "404" },
        { api: "demo", change: "code-added", code: "new_one", status: "409" },
      ),
      links,
    );
    expect(md).toContain(
      "- `gone` (status 404) was removed from the catalog. Code naming it stops compiling; its handlers go dead.\n",
    );
    expect(md).toContain("- [`new_one`](docs/demo.html#/errors/new_one) (status 409) was added to the catalog.");
    expect(md).toContain("Semver: **major** (1 breaking, 1 warning).");
    expect(md.indexOf("### Breaking")).toBeLessThan(md.indexOf("### Warnings"));
  });

  it("puts the same change on several operations on one line, and different ones on their own", () => {
    const md = toMarkdown(
      report(
        { api: "demo", change: "header-removed", operation: "GET /a", status: "429", header: "Retry-After" },
        { api: "demo", change: "header-removed", operation: "GET /b", status: "429", header: "Retry-After" },
        { api: "demo", change: "header-removed", operation: "GET /c", status: "503", header: "Retry-After" },
      ),
      links,
    );
    const lines = md.split("\n").filter((l) => l.startsWith("- "));
    expect(lines).toEqual([
      "- 429 no longer declares `Retry-After` on [`GET /a`](docs/demo.html#/GET-a) " +
        "and [`GET /b`](docs/demo.html#/GET-b). " +
        "The server may stop sending it: `retryAfterMs` goes undefined and retries fall back to backoff.",
      "- 503 no longer declares `Retry-After` on [`GET /c`](docs/demo.html#/GET-c). " +
        "The server may stop sending it: `retryAfterMs` goes undefined and retries fall back to backoff.",
    ]);
  });

  it("says so when nothing changed", () => {
    expect(toMarkdown(report(), links)).toBe(
      "# Error contract changes: v1 → working tree\n\nNo changes to the error contracts (semver: none).\n",
    );
  });
});

describe("toJson", () => {
  it("prints base, head, semver and every change with its severity and why", () => {
    const json = JSON.parse(
      toJson(report({ api: "demo", change: "code-status-changed", code: "c", before: 404, after: 410 })),
    ) as unknown;
    expect(json).toEqual({
      base: "v1",
      head: "working tree",
      semver: "major",
      changes: [
        {
          api: "demo",
          change: "code-status-changed",
          severity: "breaking",
          code: "c",
          before: 404,
          after: 410,
          why: "Branches on the status go wrong.",
        },
      ],
    });
  });
});

// Links only where `links` gives one: code "c" and operation "GET /a" have entries, "gone" and "GET /b" none.
const someLinks: Links = {
  code: (api, code) => (code === "c" ? `${api}#c` : undefined),
  operation: (api, op) => (op === "GET /a" ? `${api}#a` : undefined),
};

const line = (facts: Omit<NoteLine, "api" | "severity" | "why" | "operations">, operations = ["GET /a"]): NoteLine => ({
  api: "demo",
  severity: "info",
  why: "",
  operations,
  ...facts,
});

describe("sentence", () => {
  it.each<[NoteLine, string]>([
    [line({ change: "api-removed" }), "The API `demo` was removed."],
    [line({ change: "api-added" }), "The API `demo` was added."],
    [
      line({ change: "api-renamed", before: "Demo", after: "Demo2" }),
      "The exported prefix changed from `Demo` to `Demo2`.",
    ],
    [
      line({ change: "envelope-changed", field: "type", before: "/error/type" }),
      "The envelope lost `type` (was `/error/type`).",
    ],
    [
      line({ change: "envelope-changed", field: "code", before: "/error/code", after: "/code" }),
      "The envelope's `code` moved from `/error/code` to `/code`.",
    ],
    [
      line({ change: "envelope-field-added", field: "requestId", after: "/error/request_id" }),
      "The envelope gained `requestId` at `/error/request_id`.",
    ],
    [
      line({ change: "policy-changed", field: "retryAfterOn429", before: true, after: false }),
      "The error policy's `retryAfterOn429` changed from true to false.",
    ],
    [
      line({ change: "code-removed", code: "gone", status: "404" }),
      "`gone` (status 404) was removed from the catalog.",
    ],
    [line({ change: "code-added", code: "c", status: "409" }), "[`c`](demo#c) (status 409) was added to the catalog."],
    [
      line({ change: "code-status-changed", code: "c", before: 404, after: [404, 410] }),
      "[`c`](demo#c) moved from status 404 to 404, 410.",
    ],
    [
      line({ change: "code-type-changed", code: "c", before: "not_found", after: "gone" }),
      "[`c`](demo#c) changed type from `not_found` to `gone`.",
    ],
    [
      line({ change: "code-retryable-changed", code: "c", status: "503", before: false, after: true }),
      "[`c`](demo#c) is now retryable (status 503).",
    ],
    [
      line({ change: "code-retryable-changed", code: "c", status: "501", before: true, after: false }),
      "[`c`](demo#c) is no longer retryable (status 501).",
    ],
    [line({ change: "operation-removed" }, ["GET /b"]), "Removed `GET /b`."],
    [line({ change: "operation-added" }), "Added [`GET /a`](demo#a)."],
    [
      line({ change: "operation-id-changed", before: "getA", after: "fetchA" }, ["GET /a", "GET /b", "GET /c"]),
      "[`GET /a`](demo#a), `GET /b`, and `GET /c` changed its operationId from `getA` to `fetchA`.",
    ],
    [
      line({ change: "operation-error-removed", status: "403", before: ["denied", "banned"] }),
      "403 (`denied`, `banned`) is no longer declared by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-removed", status: "403", before: [] }),
      "403 (no documented code) is no longer declared by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-removed", status: "403", code: "c" }),
      "[`c`](demo#c) (403) is no longer returned by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-added", status: "429", after: ["slow_down"] }),
      "429 (`slow_down`) is now declared by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-added", status: "default" }),
      "default (no documented code) is now declared by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-added", status: "429", code: "gone" }),
      "`gone` (429) can now be returned by [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-opened", status: "400" }),
      "400 now also admits codes outside the catalog on [`GET /a`](demo#a).",
    ],
    [
      line({ change: "operation-error-closed", status: "400" }),
      "400 now carries only codes from the catalog on [`GET /a`](demo#a).",
    ],
    [line({ change: "error-type-removed", errorType: "not_found" }), "error type `not_found` was removed."],
    [
      line({ change: "error-type-added", errorType: "gone", after: [410, 404] }),
      "error type `gone` was added (statuses 410, 404).",
    ],
    [
      line({ change: "error-type-statuses-changed", errorType: "gone", before: [410], after: [410, 404] }),
      "error type `gone` now goes with statuses 410, 404 (was 410).",
    ],
    [
      line({ change: "header-removed", status: "429", header: "Retry-After" }),
      "429 no longer declares `Retry-After` on [`GET /a`](demo#a).",
    ],
    [
      line({ change: "header-added", status: "429", header: "Retry-After" }),
      "429 now declares `Retry-After` on [`GET /a`](demo#a).",
    ],
    [
      line({ change: "header-made-optional", status: "429", header: "Retry-After" }),
      "429 no longer always sends `Retry-After` on [`GET /a`](demo#a).",
    ],
    [
      line({ change: "header-made-required", status: "429", header: "Retry-After" }),
      "429 now always sends `Retry-After` on [`GET /a`](demo#a).",
    ],
    [line({ change: "description-changed", code: "gone" }), "The description of `gone` changed."],
    [line({ change: "description-changed", errorType: "gone" }), "The description of error type `gone` changed."],
    [
      line({ change: "example-changed", status: "429", header: "Retry-After", before: "1", after: "2" }),
      "The example of `Retry-After` on 429 of [`GET /a`](demo#a) changed.",
    ],
    [line({ change: "example-changed", code: "c", before: {}, after: {} }), "The example of [`c`](demo#c) changed."],
    [line({ change: "inferred-changed", after: "Assumed." }), "[`GET /a`](demo#a): now marked inferred: Assumed."],
    [
      line({ change: "inferred-changed", status: "404", before: "Assumed." }),
      "404 of [`GET /a`](demo#a): now documented (no longer marked inferred).",
    ],
    [
      line({ change: "inferred-changed", code: "c", status: "404", before: "Assumed.", after: "Known." }),
      "[`c`](demo#c): the inferred note changed to: Known.",
    ],
    [
      line({ change: "inferred-changed", errorType: "gone", status: "410", after: "Assumed." }, []),
      "error type `gone`: now marked inferred: Assumed.",
    ],
  ])("words %j as: %s", (note, want) => {
    expect(sentence(note, someLinks)).toBe(want);
  });
});
