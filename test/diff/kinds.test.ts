// The severities the table gives each kind, and the version bump a set of changes needs.
import { describe, expect, it } from "vitest";
import {
  CHANGE_KINDS,
  KINDS,
  semverOf,
  toChange,
  type ChangeFacts,
  type ChangeKind,
  type Severity,
} from "../../scripts/diff/kinds.js";

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

const names = { fields: { code: "kind" } };

describe("KINDS", () => {
  it.each(TABLE)("%s is %s", (kind, severity) => {
    expect(KINDS[kind].severity).toBe(severity);
  });

  it.each(CHANGE_KINDS)("%s has a one-sentence why for a consumer", (kind) => {
    expect(toChange({ api: "demo", change: kind, header: "Retry-After" }, names).why).toMatch(/^\S.{10,}\.$/);
  });

  it("says which way the retries go", () => {
    const retryable = (before: boolean): ChangeFacts => ({
      api: "demo",
      change: "code-retryable-changed",
      before,
      after: !before,
    });
    expect(toChange(retryable(false), names).why).toMatch(/start retrying/);
    expect(toChange(retryable(true), names).why).toMatch(/stop retrying/);
  });

  it.each([
    [{ code: "kind" }, 'Checks for it on that operation (`error.kind === "gone"`) stop compiling'],
    [{ code: "code", type: "type" }, 'Checks for it on that operation (`error.code === "gone"`) stop compiling'],
  ])("names the field an API's errors carry the code in: %j", (fields, why) => {
    const removed = { api: "demo", change: "operation-error-removed", code: "gone", status: "410" } as const;
    expect(toChange(removed, { fields }).why).toContain(why);
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

describe("why a header's removal matters", () => {
  const gone = "The server may stop sending it:";
  const retry = `${gone} \`retryAfterMs\` goes undefined and retries fall back to backoff.`;
  const requestId = `${gone} \`requestId\` goes missing where the body does not carry it.`;
  const other = "Code that reads this header gets nothing.";
  // No policy: the default request id header, X-Request-Id; a policy's null: none.
  it.each([
    ["retry-after", undefined, retry],
    ["X-Request-Id", undefined, requestId],
    ["x-request-id", undefined, requestId],
    ["Request-Id", undefined, other],
    ["request-id", "Request-Id", requestId],
    ["X-Request-Id", "Request-Id", other],
    ["X-Request-Id", null, other],
    ["Retry-After", null, retry],
    ["X-Trace", undefined, other],
  ] as const)("%s, with the policy's request id header %s", (header, requestIdHeader, why) => {
    const api = requestIdHeader === undefined ? names : { ...names, policy: { requestIdHeader } };
    expect(toChange({ api: "demo", change: "header-removed", header }, api).why).toBe(why);
  });
});

describe("why an operation's error matters", () => {
  it.each([
    ["operation-error-added", undefined, /older clients see it as `unexpected_response`\.$/],
    ["operation-error-added", "gone", /older clients see it as `unknown_code`\.$/],
    ["operation-error-removed", undefined, /^Clients now report the status as `unexpected_response`/],
  ] as const)("%s with the code %s", (change, code, why) => {
    expect(toChange({ api: "demo", change, status: "410", ...(code && { code }) }, names).why).toMatch(why);
  });
});
