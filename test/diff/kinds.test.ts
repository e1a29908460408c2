// The severities the table gives each kind, and the version bump a set of changes needs.
import { describe, expect, it } from "vitest";
import { CHANGE_KINDS, KINDS, semverOf, toChange, type ChangeKind, type Severity } from "../../scripts/diff/kinds.js";

const TABLE: [ChangeKind, Severity][] = [
  ["code-removed", "breaking"],
  ["code-added", "warning"],
  ["code-status-changed", "breaking"],
  ["code-type-changed", "breaking"],
  ["code-retryable-changed", "breaking"],
  ["operation-error-added", "warning"],
  ["operation-error-removed", "breaking"],
  ["envelope-changed", "breaking"],
  ["header-removed", "breaking"],
  ["header-added", "info"],
  ["operation-removed", "breaking"],
  ["operation-added", "info"],
  ["description-changed", "info"],
  ["example-changed", "info"],
  ["inferred-changed", "info"],
];

describe("KINDS", () => {
  it.each(TABLE)("%s is %s", (kind, severity) => {
    expect(KINDS[kind].severity).toBe(severity);
  });

  it.each(CHANGE_KINDS)("%s has a one-sentence why for a consumer", (kind) => {
    expect(toChange({ api: "demo", change: kind, header: "Retry-After" }).why).toMatch(/^\S.{10,}\.$/);
  });

  it("says which way the retries go", () => {
    expect(toChange({ api: "demo", change: "code-retryable-changed", before: false, after: true }).why).toMatch(
      /start retrying/,
    );
    expect(toChange({ api: "demo", change: "code-retryable-changed", before: true, after: false }).why).toMatch(
      /stop retrying/,
    );
  });
});

describe("semverOf", () => {
  it.each([
    [[], "none"],
    [["info"], "patch"],
    [["info", "warning"], "minor"],
    [["warning", "breaking", "info"], "major"],
  ] as [Severity[], string][])("%j -> %s", (severities, want) => {
    expect(semverOf(severities.map((severity) => ({ severity })))).toBe(want);
  });
});
