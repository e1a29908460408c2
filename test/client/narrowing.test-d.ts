// Result style: `data` is the 2xx body only once `error` is ruled out, and `error` narrows by
// `reason`, then by the code, to exactly what the operation declares.
import { describe, expectTypeOf, it } from "vitest";
import { createIttybitClient, type components, type IttybitApiError } from "../../generated/ittybit/index.js";
import { createWillItTrackClient, type WillItTrackApiError } from "../../generated/willittrack/index.js";

const ittybit = createIttybitClient({ apiKey: "k" });
const willittrack = createWillItTrackClient();

describe("result style", () => {
  it("types data only when error is undefined", async () => {
    const { data, error, response } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["Task"] | undefined>();
    if (error) {
      expectTypeOf(data).toEqualTypeOf<undefined>();
      expectTypeOf(response).toEqualTypeOf<Response | undefined>();
      return;
    }
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["Task"]>();
    expectTypeOf(response).toEqualTypeOf<Response>();
  });

  it("gives the error its operation's type", async () => {
    const { error } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    expectTypeOf(error).toEqualTypeOf<IttybitApiError<"GET /tasks/{id}"> | undefined>();
    expectTypeOf(error).toExtend<Error | undefined>();
  });

  it("narrows Ittybit's kind and status for known codes", async () => {
    const { error } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    if (error?.reason !== "known") return;
    expectTypeOf(error.kind).toEqualTypeOf<
      "token_missing" | "token_invalid" | "project_required" | "task_not_found" | "internal_error"
    >();
    if (error.kind === "task_not_found") {
      expectTypeOf(error.status).toEqualTypeOf<404>();
      expectTypeOf(error.body).toEqualTypeOf<{ readonly kind: "task_not_found"; readonly message: string }>();
    }
  });

  it("narrows WillItTrack's code, type and status", async () => {
    const { error } = await willittrack.POST("/checks", { body: { url: "u", check_type: "link" } });
    if (error?.reason !== "known") return;
    expectTypeOf(error.code).toEqualTypeOf<
      | "missing_parameter"
      | "invalid_parameter"
      | "invalid_url"
      | "invalid_json"
      | "invalid_api_key"
      | "invalid_credentials"
      | "insufficient_credits"
      | "rate_limited"
      | "check_failed"
      | "internal_error"
      | "scanner_unavailable"
    >();
    if (error.code === "scanner_unavailable") {
      expectTypeOf(error.status).toEqualTypeOf<503>();
      expectTypeOf(error.type).toEqualTypeOf<"api_error">();
      expectTypeOf(error.body.error.request_id).toEqualTypeOf<string | null>();
    }
    if (error.type === "usage_limit_error") expectTypeOf(error.code).toEqualTypeOf<"insufficient_credits">();
  });

  it("keeps the other reasons honest", async () => {
    const { error } = await ittybit.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    if (!error) return;
    switch (error.reason) {
      case "unknown_code":
        expectTypeOf(error.kind).toEqualTypeOf<string>();
        expectTypeOf(error.status).toEqualTypeOf<401 | 403 | 404 | 500>();
        expectTypeOf(error.body).toEqualTypeOf<{ readonly kind: string; readonly message: string }>();
        break;
      case "declared_status":
        // The statuses declared with no code; the body may be anything.
        expectTypeOf(error.status).toEqualTypeOf<408 | 429 | 502 | 503>();
        expectTypeOf(error.kind).toEqualTypeOf<string | undefined>();
        expectTypeOf(error.body).toEqualTypeOf<unknown>();
        break;
      case "unexpected_response":
        expectTypeOf(error.kind).toEqualTypeOf<string | undefined>();
        expectTypeOf(error.status).toEqualTypeOf<number>();
        expectTypeOf(error.body).toEqualTypeOf<unknown>();
        break;
      case "transport":
        expectTypeOf(error.status).toEqualTypeOf<undefined>();
        expectTypeOf(error.transport).toEqualTypeOf<"network" | "timeout" | "abort">();
        expectTypeOf(error.kind).toEqualTypeOf<undefined>();
        break;
    }
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.docsUrl).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.retryable).toEqualTypeOf<boolean>();
    expectTypeOf(error.attempts).toEqualTypeOf<number>();
  });

  it("does not let an unknown code pass for a known one", async () => {
    const { error } = await willittrack.GET("/keys");
    if (error?.reason !== "unknown_code") return;
    // @ts-expect-error an undocumented code is a plain string
    const code: WillItTrackApiError<"GET /keys">["code"] & "not_found" = error.code;
    void code;
  });
});
