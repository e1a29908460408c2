// The generated server bindings: built errors carry the catalog's status, type and example with
// the server's message, request id and Retry-After, and the checker holds both kinds of status.
import { describe, expect, it } from "vitest";
import { checkIttybitResponse, ittybitError, ittybitOperationError } from "../../generated/ittybit/server.js";
import {
  checkWillItTrackResponse,
  willItTrackError,
  willItTrackOperationError,
} from "../../generated/willittrack/server.js";

describe("willItTrackError", () => {
  it("fills type and request id from the catalog and init", () => {
    const e = willItTrackError("rate_limited", { retryAfterSeconds: 45, requestId: "req_x", message: "Slow down." });
    expect(e.status).toBe(429);
    expect(e.headers).toMatchObject({ "Content-Type": "application/json", "Retry-After": "45" });
    expect(e.body).toEqual({
      error: { type: "invalid_request_error", code: "rate_limited", message: "Slow down.", request_id: "req_x" },
    });
    expect(checkWillItTrackResponse("GET /checks/{slug}", e)).toEqual([]);
  });

  it("keeps the example's message when none is given", () => {
    const e = willItTrackOperationError("POST /checks", "insufficient_credits", { requestId: "req_y" });
    expect(e.body.error.message).toBe(
      "Your free checks are used up and your credit balance is too low for a cmp check.",
    );
  });

  it("works as a fetch Response", async () => {
    const e = willItTrackError("not_found", { requestId: "req_z" });
    const response = Response.json(e.body, e);
    expect([response.status, response.headers.get("content-type"), await response.json()]).toEqual([
      404,
      "application/json",
      e.body,
    ]);
  });

  it("refuses at run time what the types refuse, naming what is declared", () => {
    const call = willItTrackOperationError as (op: string, code: string) => unknown;
    expect(() => call("GET /checks/{slug}", "too_many_batches")).toThrow(
      /GET \/checks\/\{slug\} does not declare code "too_many_batches". It declares: 401/,
    );
  });
});

describe("ittybitError", () => {
  it("builds a status without codes as the open envelope", () => {
    const e = ittybitOperationError("GET /tasks/{id}", 429, { retryAfterSeconds: 3 });
    expect([e.status, e.headers["Retry-After"], e.body]).toEqual([
      429,
      "3",
      { kind: "undocumented", message: "Error 429 (no documented code)." },
    ]);
    expect(checkIttybitResponse("GET /tasks/{id}", e)).toEqual([]);
    expect(ittybitError("task_not_found").body).toEqual({ kind: "task_not_found", message: expect.any(String) });
  });
});

describe("check…Response", () => {
  it.each([
    ["DELETE /keys/{id}", 204, []],
    ["DELETE /keys/{id}", 200, ["status-undeclared"]],
    ["POST /checks", 201, []],
  ] as const)("holds %s %i to the spec's success statuses", (operation, status, rules) => {
    expect(checkWillItTrackResponse(operation, { status }).map((v) => v.rule)).toEqual(rules);
  });

  it("finds a documented code sent with the wrong status", () => {
    const e = ittybitError("task_not_found");
    expect(checkIttybitResponse("GET /runs/{id}", e).map((v) => v.rule)).toEqual(["code-undeclared"]);
  });
});
