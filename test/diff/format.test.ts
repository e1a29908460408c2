// The two outputs: release-note sentences (one per change, the same change on several
// operations on one line, links only to entries the head side has) and JSON.
import { describe, expect, it } from "vitest";
import { toJson, toMarkdown, type Links, type Report } from "../../scripts/diff/format.js";
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
