import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-envelope-declared";

// Without a valid envelope the other contract rules skip the API, so only this rule reports.
const cases: RuleTable = [
  ["an envelope with every field", { given: mini(), want: [] }],
  [
    "an envelope with code and message only",
    { given: mini({ "x-error-envelope.type": undefined, "x-error-envelope.requestId": undefined }), want: [] },
  ],
  ["no envelope", { given: mini({ "x-error-envelope": undefined }), want: [""] }],
  ["an envelope that is not a map", { given: mini({ "x-error-envelope": "/error" }), want: ["x-error-envelope"] }],
  ["an unknown field", { given: mini({ "x-error-envelope.kind": "/error/kind" }), want: ["x-error-envelope.kind"] }],
  [
    "a field that is not a JSON pointer",
    { given: mini({ "x-error-envelope.code": "error.code" }), want: ["x-error-envelope.code"] },
  ],
  ["no message pointer", { given: mini({ "x-error-envelope.message": undefined }), want: ["x-error-envelope"] }],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
