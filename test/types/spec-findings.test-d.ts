// Type tests for spec findings: what a real response body looks like must type-check.
import { describe, expectTypeOf, it } from "vitest";
import type { components as IttybitComponents } from "../../generated/ittybit/index.js";
import type {
  components as WillItTrackComponents,
  paths as WillItTrackPaths,
} from "../../generated/willittrack/index.js";

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Ok<P extends "/checks" | "/monitors"> = JsonBody<WillItTrackPaths[P]["get"]["responses"][200]>;

describe("WillItTrack list operations", () => {
  it("GET /checks and GET /monitors return a list in data", () => {
    expectTypeOf<Ok<"/checks">["data"]>().toEqualTypeOf<WillItTrackComponents["schemas"]["Check"][]>();
    expectTypeOf<Ok<"/monitors">["data"]>().toEqualTypeOf<WillItTrackComponents["schemas"]["DataList"]>();
    expectTypeOf<{ data: [{ slug: "abc123" }] }>().toExtend<Ok<"/checks">>();
    expectTypeOf<{ data: { slug: "abc123" } }>().not.toExtend<Ok<"/checks">>();
  });

  it("a check's cookieExpiryDays may be null", () => {
    expectTypeOf<WillItTrackComponents["schemas"]["Check"]["cookieExpiryDays"]>().toEqualTypeOf<
      number | null | undefined
    >();
  });
});

describe("Ittybit Retry-After", () => {
  it("is seconds or an HTTP date", () => {
    expectTypeOf<IttybitComponents["headers"]["Retry-After"]>().toEqualTypeOf<number | string>();
  });
});
