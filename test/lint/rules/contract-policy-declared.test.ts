import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-policy-declared";

const cases: RuleTable = [
  ["no x-error-policy keeps the defaults", { given: mini(), want: [] }],
  [
    "every setting, valid",
    {
      given: mini({
        "x-error-policy": { requestIdHeader: "X-Request-Id", codeFormat: "snake_case", retryAfterOn429: true },
      }),
      want: [],
    },
  ],
  ["no request-id header", { given: mini({ "x-error-policy.requestIdHeader": null }), want: [] }],
  ["a list, not a map", { given: mini({ "x-error-policy": ["Request-Id"] }), want: ["x-error-policy"] }],
  [
    "a misspelt setting",
    { given: mini({ "x-error-policy.requestIdHeadr": "Request-Id" }), want: ["x-error-policy.requestIdHeadr"] },
  ],
  [
    "a header name with a space",
    { given: mini({ "x-error-policy.requestIdHeader": "Request Id" }), want: ["x-error-policy.requestIdHeader"] },
  ],
  [
    "an unknown code format",
    { given: mini({ "x-error-policy.codeFormat": "camelCase" }), want: ["x-error-policy.codeFormat"] },
  ],
  [
    "retryAfterOn429 as a string",
    { given: mini({ "x-error-policy.retryAfterOn429": "no" }), want: ["x-error-policy.retryAfterOn429"] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
