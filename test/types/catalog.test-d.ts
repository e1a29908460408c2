// Type tests: the generated types carry the spec's status mappings as literals.
import { describe, expectTypeOf, it } from "vitest";
import type { components as IttybitComponents, paths as IttybitPaths } from "../../generated/ittybit/index.js";
import { ittybitErrors, type IttybitErrorCode } from "../../generated/ittybit/index.js";
import type {
  paths as WillItTrackPaths,
  WillItTrackErrorBody,
  WillItTrackErrorCode,
} from "../../generated/willittrack/index.js";
import { willItTrackErrors } from "../../generated/willittrack/index.js";

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;
type IttybitError<
  P extends keyof IttybitPaths,
  M extends "get" | "post" | "patch" | "delete",
  S extends number,
> = JsonBody<
  NonNullable<IttybitPaths[P][M]> extends { responses: infer R } ? (S extends keyof R ? R[S] : never) : never
>;

function assertNever(value: never): never {
  throw new Error(`unhandled ${String(value)}`);
}

describe("Ittybit status mappings", () => {
  it("GET /tasks/{id} 404 is exactly task_not_found", () => {
    expectTypeOf<IttybitError<"/tasks/{id}", "get", 404>>().toEqualTypeOf<
      IttybitComponents["schemas"]["task_not_found"]
    >();
    expectTypeOf<IttybitError<"/tasks/{id}", "get", 404>["kind"]>().toEqualTypeOf<"task_not_found">();
  });

  it("GET /runs/{id} 404 is exactly run_not_found", () => {
    expectTypeOf<IttybitError<"/runs/{id}", "get", 404>["kind"]>().toEqualTypeOf<"run_not_found">();
  });

  it("POST /tasks 400 is the union of its three kinds", () => {
    expectTypeOf<IttybitError<"/tasks", "post", 400>["kind"]>().toEqualTypeOf<
      "request_invalid" | "url_required" | "format_unsupported"
    >();
  });

  it("a 429 has the open envelope, not a documented kind", () => {
    expectTypeOf<IttybitError<"/tasks", "get", 429>["kind"]>().toEqualTypeOf<string>();
  });

  it("catalog entries keep their literals", () => {
    expectTypeOf(ittybitErrors.task_not_found.status).toEqualTypeOf<404>();
    expectTypeOf(ittybitErrors.task_not_found.code).toEqualTypeOf<"task_not_found">();
    expectTypeOf<keyof typeof ittybitErrors>().toEqualTypeOf<IttybitErrorCode>();
  });
});

describe("WillItTrack codes", () => {
  it("each code's type is its literal", () => {
    expectTypeOf<WillItTrackErrorBody<"not_found">["error"]["type"]>().toEqualTypeOf<"invalid_request_error">();
    expectTypeOf<WillItTrackErrorBody<"insufficient_credits">["error"]["type"]>().toEqualTypeOf<"usage_limit_error">();
    expectTypeOf<WillItTrackErrorBody<"scanner_unavailable">["error"]["type"]>().toEqualTypeOf<"api_error">();
    expectTypeOf(willItTrackErrors.invalid_api_key.type).toEqualTypeOf<"authentication_error">();
  });

  it("DELETE /keys/{id} 409 is exactly cannot_revoke_current_key", () => {
    type Conflict = JsonBody<WillItTrackPaths["/keys/{id}"]["delete"]["responses"][409]>;
    expectTypeOf<Conflict["error"]["code"]>().toEqualTypeOf<"cannot_revoke_current_key">();
  });

  it("an exhaustive switch over every code compiles", () => {
    function advice(code: WillItTrackErrorCode): string {
      switch (code) {
        case "missing_parameter":
        case "invalid_parameter":
        case "invalid_url":
        case "invalid_json":
        case "too_many_urls":
        case "invalid_urls":
          return "fix the request";
        case "invalid_api_key":
        case "invalid_credentials":
          return "check the key";
        case "insufficient_credits":
          return "top up";
        case "not_found":
          return "check the id";
        case "too_many_batches":
        case "monitor_limit_reached":
        case "cannot_revoke_current_key":
          return "resolve the conflict";
        case "rate_limited":
        case "check_failed":
        case "batch_creation_failed":
        case "key_creation_failed":
        case "monitor_creation_failed":
        case "internal_error":
        case "scanner_unavailable":
        case "billing_unavailable":
          return "retry later";
        default:
          return assertNever(code);
      }
    }
    expectTypeOf(advice).returns.toEqualTypeOf<string>();
  });

  it("a switch with a case missing does not compile", () => {
    function advice(code: WillItTrackErrorCode): string {
      switch (code) {
        case "missing_parameter":
        case "invalid_parameter":
        case "invalid_url":
        case "invalid_json":
        case "too_many_urls":
        case "invalid_urls":
        case "invalid_api_key":
        case "invalid_credentials":
        case "insufficient_credits":
        case "not_found":
        case "too_many_batches":
        case "monitor_limit_reached":
        case "cannot_revoke_current_key":
        case "rate_limited":
        case "check_failed":
        case "batch_creation_failed":
        case "key_creation_failed":
        case "monitor_creation_failed":
        case "internal_error":
        case "scanner_unavailable":
          return "handled";
        default:
          // billing_unavailable is not handled, so `code` is not `never` here.
          // @ts-expect-error
          return assertNever(code);
      }
    }
    expectTypeOf(advice).parameter(0).toEqualTypeOf<WillItTrackErrorCode>();
  });
});
