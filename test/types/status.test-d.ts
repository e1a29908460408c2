// The client's types for status ranges: a range covers its statuses, an exact status declared
// beside a range keeps its own codes (it wins at run time), and `default` covers any status.
import { describe, expectTypeOf, it } from "vitest";
import type { ApiErrorOf, ApiTypes, Status } from "../../src/client/types.js";

describe("Status", () => {
  it("is the status itself, every status of a range, or any number for default", () => {
    expectTypeOf<Status<"404">>().toEqualTypeOf<404>();
    expectTypeOf<Status<"4XX">>().not.toBeNever();
    expectTypeOf<400 | 401 | 429 | 499>().toExtend<Status<"4XX">>();
    expectTypeOf<500 | 503>().not.toExtend<Status<"4XX">>();
    expectTypeOf<500 | 599>().toExtend<Status<"5XX">>();
    expectTypeOf<Status<"default">>().toEqualTypeOf<number>();
  });
});

interface RangedTypes extends ApiTypes {
  readonly paths: object;
  readonly operations: {
    readonly "GET /r": {
      readonly "404": { readonly codes: readonly ["missing"] };
      readonly "4XX": { readonly codes: readonly ["invalid"] };
    };
  };
  readonly shapes: {
    readonly known: { readonly missing: { readonly kind: "missing" }; readonly invalid: { readonly kind: "invalid" } };
    readonly unknownCode: { readonly kind: string };
    readonly unexpected: { readonly kind: string | undefined };
    readonly transport: { readonly kind: undefined };
  };
  readonly callOptions: object;
}

describe("a failure under a range", () => {
  type Known = Extract<ApiErrorOf<RangedTypes, "GET /r">, { reason: "known" }>;

  it("narrows the code by status: 404 is the exact status's, any other 4xx the range's", () => {
    expectTypeOf<Extract<Known, { kind: "missing" }>["status"]>().toEqualTypeOf<404>();
    expectTypeOf<401 | 429>().toExtend<Extract<Known, { kind: "invalid" }>["status"]>();
    expectTypeOf<404>().not.toExtend<Extract<Known, { kind: "invalid" }>["status"]>();
  });
});
