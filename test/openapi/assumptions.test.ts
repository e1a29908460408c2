// The assumptions an outside audit found stated as facts, each now marked `x-inferred` or
// stated no more than the documentation says: a table of where each lives and what must hold.
import { describe, expect, it } from "vitest";
import { willItTrackOperationErrors } from "../../generated/willittrack/errors.js";
import { at, bundled, type Json, jsonBody, marked, refTarget, validate } from "../support/bundled.js";
import { realContract } from "../support/contracts.js";

const ittybit = bundled("ittybit");
const willItTrack = bundled("willittrack");
const ittybitSchema = (name: string) => at(ittybit, "components", "schemas", name);
const willItTrackSchema = (name: string) => at(willItTrack, "components", "schemas", name);

describe("assumptions marked where they are made", () => {
  it.each([
    ["a check's network may be null", at(willItTrackSchema("Check"), "properties", "network")],
    ["an automation's description may be null", at(ittybitSchema("Automation"), "properties", "description")],
    ["an automation's update body, status included", ittybitSchema("AutomationUpdate")],
    ["a webhook endpoint's update body", ittybitSchema("WebhookEndpointUpdate")],
    ["insufficient_credits' status and type", willItTrackSchema("insufficient_credits")],
    ["the 401 body for a missing WillItTrack key", at(willItTrack, "components", "responses", "Unauthorized")],
    ["Ittybit's 400 on a list", at(ittybit, "components", "responses", "InvalidQuery")],
  ] as const)("%s", (_name, node) => {
    expect(marked(node as Json)).toBe(true);
  });

  it("lets a check report no network, and nothing but a name or null", () => {
    const check = refTarget(willItTrack, at(jsonBody(willItTrack, "/checks", "post", "201"), "properties", "data"));
    expect(validate(willItTrack, check, { network: null })).toEqual([]);
    expect(validate(willItTrack, check, { network: 3 })).not.toEqual([]);
  });

  it("accepts an empty update body: no minimum the documentation does not state", () => {
    for (const name of ["AutomationUpdate", "WebhookEndpointUpdate"]) {
      expect(at(ittybitSchema(name), "minProperties"), name).toBeUndefined();
      expect(validate(ittybit, ittybitSchema(name), {}), name).toEqual([]);
    }
  });
});

describe("facts stated no further than the documentation", () => {
  it("gives a WillItTrack key's id no format from one example", () => {
    expect(at(willItTrackSchema("ApiKey"), "properties", "id", "format")).toBeUndefined();
  });

  it("states the rate limit with the anonymous callers' lower limits, and Retry-After as documented", () => {
    const tooMany = at(willItTrack, "components", "responses", "TooManyRequests");
    expect(String(at(tooMany, "description"))).toMatch(/60 requests per 60 seconds.*anonymous callers get lower/s);
    const retryAfter = at(willItTrack, "components", "headers", "Retry-After", "description");
    expect(retryAfter).toBe("Seconds until the current rate-limit window resets.");
  });

  it("does not say that a check's slug names its report", () => {
    expect(String(at(willItTrack, "components", "parameters", "Slug", "description"))).toMatch(/does not say whether/);
  });
});

describe("open envelopes stay open", () => {
  const envelope = willItTrackSchema("WillItTrackError");
  const body = (type: string) => ({ error: { type, code: "new_code", message: "m", request_id: null } });

  it("WillItTrack's admits an error type the page does not list, as its code is admitted", () => {
    expect(validate(willItTrack, envelope, body("quota_error"))).toEqual([]);
    expect(validate(willItTrack, envelope, body("api_error"))).toEqual([]);
    expect(validate(willItTrack, envelope, body("Not A Type"))).not.toEqual([]);
  });

  it("WillItTrack's 401 lists its two codes and the open envelope, for a missing key", async () => {
    expect(willItTrackOperationErrors["GET /keys"]["401"]).toMatchObject({
      codes: ["invalid_api_key", "invalid_credentials"],
      open: true,
    });
    const keys = (await realContract("willittrack")).operations.find((op) => op.key === "GET /keys")!;
    expect(keys.errors.find((e) => e.status === "401")?.inferred).toMatch(/missing key/);
  });

  it("Ittybit's list operations declare 400 as the open envelope", async () => {
    const lists = (await realContract("ittybit")).operations.filter(
      (op) => op.method === "GET" && !op.path.endsWith("}"),
    );
    expect(lists.length).toBeGreaterThanOrEqual(7);
    for (const op of lists) {
      expect(
        op.errors.find((e) => e.status === "400"),
        op.key,
      ).toMatchObject({ codes: [], open: true });
      const headers = Object.keys(at(ittybit, "paths", op.path, "get", "responses", "200", "headers") as object);
      expect(headers, op.key).toEqual(["Link", "Has-More", "Limit"]);
    }
  });
});
