// The kits are typed by each operation's declarations: a code or status it does not declare
// does not compile, in responses, routes and MSW handlers alike.
import type { HttpHandler } from "msw";
import { describe, expectTypeOf, it } from "vitest";
import { ittybitErrorResponse, mockIttybitFetch, type IttybitDeclaredError } from "../../generated/ittybit/testing.js";
import { ittybitErrorHandler } from "../../generated/ittybit/testing-msw.js";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import {
  mockWillItTrackFetch,
  willItTrackErrorResponse,
  type WillItTrackDeclaredError,
} from "../../generated/willittrack/testing.js";
import { willItTrackErrorHandler } from "../../generated/willittrack/testing-msw.js";

describe("…ErrorResponse", () => {
  it("takes exactly the codes and open statuses the operation declares", () => {
    expectTypeOf<IttybitDeclaredError<"GET /tasks/{id}">>().toEqualTypeOf<
      | "token_missing"
      | "token_invalid"
      | "project_required"
      | "task_not_found"
      | "internal_error"
      | 408
      | 429
      | 502
      | 503
    >();
    // 401 also admits the open envelope: no code is documented for a missing key.
    expectTypeOf<WillItTrackDeclaredError<"GET /reports/{slug}/evidence">>().toEqualTypeOf<
      "invalid_api_key" | "invalid_credentials" | 401 | "not_found" | "rate_limited" | "internal_error"
    >();
    expectTypeOf(ittybitErrorResponse("GET /tasks/{id}", "task_not_found")).toEqualTypeOf<Response>();
    ittybitErrorResponse("GET /tasks/{id}", 429, { retryAfterSeconds: 2 });
    willItTrackErrorResponse("GET /checks/{slug}", "not_found", { requestId: "req_1", message: "Gone." });
    ittybitErrorResponse("GET /tasks/{id}", 429, { body: "<html>429</html>", contentType: "text/html" });
  });

  it("takes a request id only where the API's errors carry one", () => {
    // @ts-expect-error no Ittybit error carries a request id: the kit would drop it
    ittybitErrorResponse("POST /tasks", "payment_required", { requestId: "req_1" });
    // @ts-expect-error the same through the MSW handler
    ittybitErrorHandler("POST /tasks", "payment_required", { requestId: "req_1" });
    willItTrackErrorHandler("POST /checks", "insufficient_credits", { requestId: "req_1" });
  });

  it("rejects a code, status or operation the operation does not declare", () => {
    // @ts-expect-error run_not_found belongs to GET /runs/{id}
    ittybitErrorResponse("GET /tasks/{id}", "run_not_found");
    // @ts-expect-error 404 of GET /tasks/{id} has a code: name it
    ittybitErrorResponse("GET /tasks/{id}", 404);
    // @ts-expect-error no such operation
    ittybitErrorResponse("GET /nope", "task_not_found");
    // @ts-expect-error a code of the other API
    willItTrackErrorResponse("GET /checks/{slug}", "task_not_found");
    // @ts-expect-error retryAfterSeconds is a number
    ittybitErrorResponse("GET /tasks/{id}", 429, { retryAfterSeconds: "2" });
  });
});

describe("mock…Fetch", () => {
  it("takes routes by operation, and fits the client's fetch option", () => {
    const fetch = mockIttybitFetch({
      "GET /tasks/{id}": ["internal_error", 503, Response.json({ id: "t1" })],
      "POST /tasks": (request) => (request.headers.has("idempotency-key") ? "request_invalid" : "network"),
      "GET /runs/{id}": "timeout",
    });
    createIttybitClient({ apiKey: "k", fetch });
    // An async function's literal widens to string (the route's return type is a union): `as const` keeps it.
    mockWillItTrackFetch({ "POST /checks": async () => "rate_limited" as const }, { baseUrl: "http://127.0.0.1:1" });
  });

  it("rejects an answer the operation does not declare", () => {
    // @ts-expect-error run_not_found belongs to GET /runs/{id}
    mockIttybitFetch({ "GET /tasks/{id}": "run_not_found" });
    // @ts-expect-error also inside a sequence
    mockIttybitFetch({ "GET /tasks/{id}": [503, "run_not_found"] });
    // @ts-expect-error and from a function
    mockIttybitFetch({ "GET /tasks/{id}": () => "run_not_found" });
    // @ts-expect-error no such operation
    mockWillItTrackFetch({ "GET /nope": "not_found" });
  });
});

describe("MSW handlers", () => {
  it("return an MSW HttpHandler, typed like …ErrorResponse", () => {
    expectTypeOf(
      ittybitErrorHandler("GET /tasks/{id}", "task_not_found", { baseUrl: "http://localhost" }),
    ).toEqualTypeOf<HttpHandler>();
    willItTrackErrorHandler("GET /checks/{slug}", "rate_limited", { retryAfterSeconds: 5 });
    // @ts-expect-error run_not_found belongs to GET /runs/{id}
    ittybitErrorHandler("GET /tasks/{id}", "run_not_found");
  });
});
