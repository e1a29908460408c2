// Whether an API's errors carry a request id, as the model derives it: the test kits let a test
// set one only then (the body's field, or the API's own request-id header on an error response).
import { describe, expect, it } from "vitest";
import { realContract } from "../support/contracts.js";

describe("the model's carriesRequestId", () => {
  it.each([
    ["ittybit", false],
    ["willittrack", true],
  ])("is %s: %s", async (api, carries) => {
    expect((await realContract(api)).carriesRequestId).toBe(carries);
  });
});
