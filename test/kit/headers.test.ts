// Reading one header from what the frameworks hand over: a Headers-like object or a plain record.
import { describe, expect, it } from "vitest";
import { headerOf, type HeadersLike } from "../../src/kit/headers.js";

const throwingGet = {
  get(): string {
    throw new Error("closed");
  },
  // An own property the record branch would find if a failed get fell through to it.
  "retry-after": "5",
};

const cases: [string, unknown, string | undefined][] = [
  ["no headers", undefined, undefined],
  ["null", null, undefined],
  ["a string instead of headers", "Retry-After: 5", undefined],
  ["a Headers object, in any case", new Headers({ "retry-after": "5" }), "5"],
  ["a Headers object without the header", new Headers(), undefined],
  ["a get that returns a number", { get: () => 5 }, "5"],
  ["a get that throws", throwingGet, undefined],
  ["a record's string, in any case", { "RETRY-AFTER": "5" }, "5"],
  ["a record's number", { "retry-after": 5 }, "5"],
  ["a record's list, joined", { "retry-after": ["5", "6"] }, "5, 6"],
  ["a record's list, without its non-strings", { "retry-after": ["5", 6, null, "7"] }, "5, 7"],
  ["a record's empty list", { "retry-after": [] }, ""],
  ["a record's undefined, then another spelling", { "Retry-After": undefined, "retry-after": "5" }, "5"],
  ["a record's boolean", { "retry-after": true }, undefined],
  ["a record without the header", { "content-type": "text/plain" }, undefined],
];

describe("headerOf", () => {
  it.each(cases)("%s", (_name, headers, expected) => {
    expect(headerOf(headers as HeadersLike, "Retry-After")).toBe(expected);
  });
});
