import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createIttybitClient, isIttybitApiError } from "../../generated/ittybit/index.js";
import { isWillItTrackApiError } from "../../generated/willittrack/index.js";
import { ApiError, createError, type ApiErrorConstructor } from "../../src/client/errors.js";

class TestApiError extends ApiError {
  override get name(): string {
    return "TestApiError";
  }
}
const ErrorClass = TestApiError as unknown as ApiErrorConstructor<ApiError>;

describe("createError", () => {
  it("names the code and type after the API's envelope", () => {
    const failure = {
      reason: "known",
      status: 404,
      code: "not_found",
      type: "invalid_request_error",
      message: "m",
      requestId: "r",
      body: {},
    } as const;
    expect(createError(ErrorClass, { code: "code", type: "type" }, failure)).toMatchObject({
      code: "not_found",
      type: "invalid_request_error",
    });
    const flat = createError(ErrorClass, { code: "kind" }, failure);
    expect(flat).toMatchObject({ kind: "not_found" });
    expect(flat).not.toHaveProperty("code");
    expect(flat).not.toHaveProperty("type");
  });

  it("always has reason, status and the code, even when undefined", () => {
    const error = createError(
      ErrorClass,
      { code: "kind" },
      { reason: "transport", transport: "timeout", message: "m" },
    );
    expect(Object.keys(error)).toEqual(["reason", "status", "kind", "transport"]);
  });
});

describe("ApiError", () => {
  const error = createError(
    ErrorClass,
    { code: "kind" },
    { reason: "known", status: 404, code: "x", message: "GET /x returned 404 x: m", requestId: "r" },
    new Error("inner"),
  );

  it("is an Error of its API's class, with name, message, stack and cause", () => {
    expect(error).toBeInstanceOf(TestApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("TestApiError");
    expect(String(error)).toBe("TestApiError: GET /x returned 404 x: m");
    expect(error.stack?.split("\n")[0]).toBe("TestApiError: GET /x returned 404 x: m");
    expect((error.cause as Error).message).toBe("inner");
  });

  it("has a JSON form with its name, message and fields", () => {
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "TestApiError",
      message: "GET /x returned 404 x: m",
      reason: "known",
      status: 404,
      kind: "x",
      requestId: "r",
    });
  });

  it("shows its fields in util.inspect", () => {
    expect(inspect(error)).toContain("kind: 'x'");
  });

  it("has no cause property when there is no cause", () => {
    expect(
      Object.hasOwn(createError(ErrorClass, { code: "kind" }, { reason: "transport", message: "m" }), "cause"),
    ).toBe(false);
  });
});

describe("the generated guard", () => {
  it("tells an API's error of one call from another call's and from other values", async () => {
    const fetch = async () => Response.json({ kind: "task_not_found", message: "m" }, { status: 404 });
    const client = createIttybitClient({ apiKey: "k", fetch, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t" } } });
    expect(error).toMatchObject({ operation: "GET /tasks/{id}", retryable: false, attempts: 1 });
    expect(isIttybitApiError(error)).toBe(true);
    expect(isIttybitApiError(error, "GET /tasks/{id}")).toBe(true);
    expect(isIttybitApiError(error, "GET /runs/{id}")).toBe(false);
    expect(isIttybitApiError(new Error("x"))).toBe(false);
    expect(isWillItTrackApiError(error)).toBe(false);
  });
});
