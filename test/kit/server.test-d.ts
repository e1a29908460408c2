// The server kit's compile-time contract: a code must be one the operation declares, a 429 needs
// its Retry-After, and a built error carries its code's status and body types.
import { describe, expectTypeOf, it } from "vitest";
import type { ServerErrorArgs, ServerErrorInit } from "../../src/kit/server.js";
import type { IttybitErrorBody } from "../../generated/ittybit/errors.js";
import {
  checkIttybitResponse,
  ittybitError,
  ittybitOperationError,
  type IttybitOpenStatus,
  type IttybitOperationCode,
} from "../../generated/ittybit/server.js";
import type { WillItTrackErrorBody } from "../../generated/willittrack/errors.js";
import { willItTrackError, willItTrackOperationError, type Violation } from "../../generated/willittrack/server.js";

describe("ittybit", () => {
  it("types a code's status and body", () => {
    const e = ittybitError("task_not_found", { message: "No task t_1." });
    expectTypeOf(e.status).toEqualTypeOf<404>();
    expectTypeOf(e.body).toEqualTypeOf<IttybitErrorBody<"task_not_found">>();
    expectTypeOf(e.headers).toEqualTypeOf<Readonly<Record<string, string>>>();
  });

  it("accepts only the codes and open statuses an operation declares", () => {
    expectTypeOf<IttybitOperationCode<"GET /tasks/{id}">>().toEqualTypeOf<
      "token_missing" | "token_invalid" | "project_required" | "task_not_found" | "internal_error"
    >();
    expectTypeOf<IttybitOpenStatus<"GET /tasks/{id}">>().toEqualTypeOf<408 | 429 | 502 | 503>();
    expectTypeOf(ittybitOperationError("GET /tasks/{id}", "task_not_found").status).toEqualTypeOf<404>();
    expectTypeOf(ittybitOperationError("GET /tasks/{id}", 502).status).toEqualTypeOf<502>();
    // @ts-expect-error run_not_found is not a code of GET /tasks/{id}
    ittybitOperationError("GET /tasks/{id}", "run_not_found");
    // @ts-expect-error 418 is declared by no operation
    ittybitError(418);
    // @ts-expect-error not an operation of the API
    ittybitOperationError("GET /nope", "task_not_found");
  });

  it("requires retryAfterSeconds for a 429", () => {
    expectTypeOf(ittybitOperationError("GET /tasks/{id}", 429, { retryAfterSeconds: 30 }).status).toEqualTypeOf<429>();
    // @ts-expect-error a 429 needs init.retryAfterSeconds
    ittybitOperationError("GET /tasks/{id}", 429);
    // @ts-expect-error a 429 needs init.retryAfterSeconds
    ittybitError(429, { message: "Slow down." });
  });

  it("checks only the API's operations", () => {
    expectTypeOf(checkIttybitResponse("GET /tasks/{id}", { status: 200 })).toEqualTypeOf<Violation[]>();
    // @ts-expect-error not an operation of the API
    checkIttybitResponse("GET /nope", { status: 200 });
  });
});

describe("willittrack", () => {
  it("types a code's status and body, with type and request id from the catalog", () => {
    const e = willItTrackError("not_found", { requestId: "req_1" });
    expectTypeOf(e.status).toEqualTypeOf<404>();
    expectTypeOf(e.body).toEqualTypeOf<WillItTrackErrorBody<"not_found">>();
    expectTypeOf(e.body.error.type).toEqualTypeOf<"invalid_request_error">();
  });

  it("requires retryAfterSeconds for rate_limited", () => {
    expectTypeOf(willItTrackError("rate_limited", { retryAfterSeconds: 45 }).status).toEqualTypeOf<429>();
    // @ts-expect-error rate_limited is a 429 and needs init.retryAfterSeconds
    willItTrackError("rate_limited");
    // @ts-expect-error rate_limited is a 429 and needs init.retryAfterSeconds
    willItTrackOperationError("GET /checks/{slug}", "rate_limited", { requestId: "req_1" });
  });

  it("rejects a code the operation does not declare", () => {
    expectTypeOf(willItTrackOperationError("POST /batches", "too_many_batches").status).toEqualTypeOf<409>();
    // @ts-expect-error GET /checks/{slug} does not declare too_many_batches
    willItTrackOperationError("GET /checks/{slug}", "too_many_batches");
    // @ts-expect-error an open-envelope code is only for open statuses
    willItTrackOperationError("GET /keys", "not_found", { code: "x" });
  });
});

describe("an API whose 429s carry no Retry-After", () => {
  it("leaves a 429's init optional, as any other status's", () => {
    type Catalog = { readonly slow_down: { readonly status: 429 } };
    expectTypeOf<ServerErrorArgs<Catalog, "slow_down", false>>().toEqualTypeOf<[init?: ServerErrorInit]>();
    expectTypeOf<ServerErrorArgs<Catalog, "slow_down">>().toEqualTypeOf<
      [init: ServerErrorInit & { readonly retryAfterSeconds: number }]
    >();
  });
});
