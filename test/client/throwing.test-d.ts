// The throwing style: calls resolve to the data, and `instanceof` narrows a caught value to the
// API's errors; plus the options' types.
import { describe, expectTypeOf, it } from "vitest";
import {
  createIttybitClient,
  IttybitApiError,
  type components,
  type IttybitErrorCode,
} from "../../generated/ittybit/index.js";
import {
  createWillItTrackClient,
  isWillItTrackApiError,
  WillItTrackApiError,
  type WillItTrackClient,
} from "../../generated/willittrack/index.js";

describe("throwing style", () => {
  const client = createIttybitClient({ apiKey: "k", throwOnError: true });

  it("resolves to data and response, with no error", async () => {
    const result = await client.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    expectTypeOf(result.data).toEqualTypeOf<components["schemas"]["Task"]>();
    expectTypeOf(result.response).toEqualTypeOf<Response>();
    // @ts-expect-error there is no error in this style
    void result.error;
  });

  it("narrows a caught value with instanceof, across all operations", async () => {
    try {
      await client.POST("/tasks", { body: { url: "u", kind: "video" }, idempotencyKey: "0123456789abcdef" });
    } catch (caught) {
      if (!(caught instanceof IttybitApiError)) throw caught;
      expectTypeOf(caught).toExtend<Error>();
      expectTypeOf(caught.name).toEqualTypeOf<string>();
      if (caught.reason === "known") expectTypeOf(caught.kind).toEqualTypeOf<IttybitErrorCode>();
      // @ts-expect-error the other API's class does not match
      expectTypeOf(caught).toExtend<WillItTrackApiError>();
    }
  });

  it("narrows a caught value to one operation's codes with the guard", async () => {
    const wit = createWillItTrackClient({ throwOnError: true });
    try {
      await wit.POST("/checks", { body: { url: "u" } });
    } catch (caught) {
      if (isWillItTrackApiError(caught, "POST /checks")) {
        expectTypeOf(caught.operation).toEqualTypeOf<"POST /checks">();
        if (caught.reason === "known")
          expectTypeOf(caught.code).toEqualTypeOf<
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
      }
      if (isWillItTrackApiError(caught)) expectTypeOf(caught).toEqualTypeOf<WillItTrackApiError>();
      // @ts-expect-error an operation the API does not have
      isWillItTrackApiError(caught, "POST /nope");
    }
  });

  it("keeps the APIs' classes apart", () => {
    const caught: unknown = undefined;
    if (caught instanceof WillItTrackApiError && caught.reason === "known")
      expectTypeOf(caught.type).toEqualTypeOf<
        "invalid_request_error" | "authentication_error" | "usage_limit_error" | "api_error"
      >();
  });
});

describe("options", () => {
  it("requires an Ittybit key, and not a WillItTrack one", () => {
    // @ts-expect-error apiKey is required: every Ittybit operation needs it
    createIttybitClient({});
    expectTypeOf(createWillItTrackClient()).toEqualTypeOf<WillItTrackClient>();
    expectTypeOf(createWillItTrackClient({ apiKey: process.env.KEY })).toEqualTypeOf<WillItTrackClient>();
  });

  it("picks the style from a literal throwOnError", () => {
    expectTypeOf(createWillItTrackClient({ throwOnError: true })).toEqualTypeOf<WillItTrackClient<true>>();
    expectTypeOf(createWillItTrackClient({ throwOnError: false })).toEqualTypeOf<WillItTrackClient>();
    const flag = Math.random() > 0.5;
    // @ts-expect-error a boolean that is not known at compile time leaves the style unknown
    createWillItTrackClient({ throwOnError: flag });
  });

  it("takes per-call options", async () => {
    const client = createIttybitClient({ apiKey: "k", retry: { maxRetries: 1 }, timeoutMs: 5000 });
    await client.POST("/runs", {
      body: { tasks: [] },
      idempotencyKey: "0123456789abcdef",
      timeoutMs: 100,
      retry: false,
    });
    // @ts-expect-error an idempotency key is a string
    await client.POST("/runs", { body: { tasks: [] }, idempotencyKey: 42 });
    // @ts-expect-error the path must exist
    await client.GET("/nope");
  });

  it("refuses a misspelt per-call option, as it does a client option", async () => {
    const client = createIttybitClient({ apiKey: "k" });
    const body = { url: "u", kind: "video" } as const;
    // @ts-expect-error idempotencyKy is not an option (TypeScript: "Did you mean to write 'idempotencyKey'?")
    await client.POST("/tasks", { body, idempotencyKy: "k" });
    // @ts-expect-error timeoutMS is not an option
    await client.POST("/tasks", { body, timeoutMS: 5 });
    // @ts-expect-error maxRetrys is not a retry option
    await client.POST("/tasks", { body, retry: { maxRetrys: 0 } });
    // @ts-expect-error WillItTrack documents no idempotency header, so no key
    await createWillItTrackClient().POST("/checks", { body: { url: "u" }, idempotencyKey: "k" });
    await client.POST("/tasks", { body, idempotencyKey: "k", timeoutMs: 5, retry: { maxRetries: 0 } });
  });

  it("types data by parseAs", async () => {
    const client = createIttybitClient({ apiKey: "k", throwOnError: true });
    const params = { path: { id: "t" } };
    expectTypeOf((await client.GET("/tasks/{id}", { params, parseAs: "text" })).data).toEqualTypeOf<string>();
    expectTypeOf((await client.GET("/tasks/{id}", { params, parseAs: "json" })).data).toEqualTypeOf<
      components["schemas"]["Task"]
    >();
    expectTypeOf((await client.GET("/tasks/{id}", { params, parseAs: "blob" })).data).toEqualTypeOf<Blob>();
    // @ts-expect-error params are required for a path with a parameter
    await client.GET("/tasks/{id}");
  });
});
