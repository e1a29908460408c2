import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-request-id";
const GET = "paths./things/{id}.get.responses";

/** `<path>.<suffix>` for every response of every operation in the mini spec. */
function everyResponse(suffix: string): string[] {
  const { paths } = mini() as { paths: Record<string, Record<string, { responses?: object }>> };
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) =>
      Object.keys(op.responses ?? {}).map((status) => `paths.${path}.${method}.responses.${status}.${suffix}`),
    ),
  );
}

const cases: RuleTable = [
  ["every response declares X-Request-Id", { given: mini(), want: [] }],
  ["a success response without it", { given: mini({ [`${GET}.200.headers`]: undefined }), want: [`${GET}.200`] }],
  [
    "an error response with other headers only",
    { given: mini({ [`${GET}.429.headers.X-Request-Id`]: undefined }), want: [`${GET}.429.headers`] },
  ],
  [
    "an extension among the responses is not a response",
    { given: mini({ [`${GET}.x-inferred`]: "The 200 body is assumed." }), want: [] },
  ],
  [
    "the header name is compared case-insensitively",
    { given: mini({ [`${GET}.200.headers`]: { "x-request-id": { schema: { type: "string" } } } }), want: [] },
  ],
  [
    "an API whose envelope has no requestId needs no header",
    {
      given: mini({
        "x-error-envelope.requestId": undefined,
        [`${GET}.200.headers`]: undefined,
        [`${GET}.404.headers`]: undefined,
      }),
      want: [],
    },
  ],
  [
    "an API whose policy names its own header needs that one on every response",
    { given: mini({ "x-error-policy.requestIdHeader": "Request-Id" }), want: everyResponse("headers") },
  ],
  [
    "its name too is compared case-insensitively",
    { given: mini({ "x-error-policy.requestIdHeader": "x-REQUEST-id" }), want: [] },
  ],
  [
    "an API whose policy has no request-id header needs none",
    { given: mini({ "x-error-policy.requestIdHeader": null, [`${GET}.200.headers`]: undefined }), want: [] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
