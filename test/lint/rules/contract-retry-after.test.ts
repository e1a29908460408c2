import { describe, it } from "vitest";
import { errorResponse, mini, ref, REQUEST_ID } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-retry-after";
const GET_429 = "paths./things/{id}.get.responses.429";

const cases: RuleTable = [
  ["every 429 declares Retry-After", { given: mini(), want: [] }],
  [
    "the header name is compared case-insensitively",
    {
      given: mini({
        [`${GET_429}.headers`]: { ...(REQUEST_ID as object), "retry-after": { schema: { type: "integer" } } },
      }),
      want: [],
    },
  ],
  [
    "a 429 with other headers only",
    { given: mini({ [`${GET_429}.headers.Retry-After`]: undefined }), want: [`${GET_429}.headers`] },
  ],
  [
    "a 429 with no headers at all (OWASP's rule misses this one)",
    { given: mini({ [`${GET_429}.headers`]: undefined, "x-error-envelope.requestId": undefined }), want: [GET_429] },
  ],
  [
    "other statuses need no Retry-After",
    { given: mini({ "paths./things/{id}.get.responses.503": errorResponse(ref("MiniError")) }), want: [] },
  ],
  [
    "no Retry-After in an API whose policy says its 429s carry none",
    {
      given: mini({ [`${GET_429}.headers.Retry-After`]: undefined, "x-error-policy": { retryAfterOn429: false } }),
      want: [],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
