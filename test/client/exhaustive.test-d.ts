// An exhaustive switch over one operation's known codes compiles; dropping a case does not.
import { describe, expectTypeOf, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";

const ittybit = createIttybitClient({ apiKey: "k" });
const willittrack = createWillItTrackClient({ apiKey: "k" });

function assertNever(value: never): never {
  throw new Error(`Unhandled: ${String(value)}`);
}

describe("exhaustive switches", () => {
  it("cover every known code of GET /tasks/{id}", async () => {
    const { error } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    if (error?.reason !== "known") return;
    switch (error.kind) {
      case "token_missing":
      case "token_invalid":
      case "project_required":
      case "task_not_found":
      case "internal_error":
        return;
      default:
        assertNever(error);
    }
  });

  it("fail to compile when a case is missing", async () => {
    const { error } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    if (error?.reason !== "known") return;
    switch (error.kind) {
      case "token_missing":
      case "token_invalid":
      case "project_required":
      case "task_not_found":
        return;
      default:
        // @ts-expect-error internal_error is not handled
        assertNever(error);
    }
  });

  it("cover every reason", async () => {
    const { error } = await willittrack.DELETE("/keys/{id}", { params: { path: { id: "k" } } });
    if (!error) return;
    switch (error.reason) {
      case "known":
        switch (error.code) {
          case "invalid_api_key":
          case "invalid_credentials":
          case "not_found":
          case "cannot_revoke_current_key":
          case "rate_limited":
          case "internal_error":
            return;
          default:
            return assertNever(error);
        }
      case "unknown_code":
      case "declared_status":
      case "unexpected_response":
      case "transport":
        return;
      default:
        assertNever(error);
    }
  });

  it("fail to compile when a reason is missing", async () => {
    const { error } = await willittrack.GET("/checks");
    if (!error) return;
    switch (error.reason) {
      case "known":
      case "unknown_code":
      case "declared_status":
      case "unexpected_response":
        return;
      default:
        // @ts-expect-error transport is not handled
        assertNever(error);
    }
  });

  it("narrow WillItTrack codes under one type", async () => {
    const { error } = await willittrack.POST("/batches", { body: { urls: [] } });
    if (error?.reason !== "known" || error.type !== "invalid_request_error") return;
    switch (error.code) {
      case "missing_parameter":
      case "invalid_parameter":
      case "invalid_url":
      case "invalid_json":
      case "invalid_urls":
      case "too_many_batches":
      case "rate_limited":
        expectTypeOf(error.status).toEqualTypeOf<400 | 409 | 429>();
        return;
      default:
        assertNever(error);
    }
  });
});
