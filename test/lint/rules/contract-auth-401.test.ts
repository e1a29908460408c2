import { describe, it } from "vitest";
import { errorResponse, mini, ref } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-auth-401";
const GET = "paths./things/{id}.get";

const cases: RuleTable = [
  ["authenticated operations declare 401", { given: mini(), want: [] }],
  ["root security, no 401", { given: mini({ [`${GET}.responses.401`]: undefined }), want: [`${GET}.responses`] }],
  [
    "optional auth still takes credentials",
    {
      given: mini({ [`${GET}.security`]: [{}, { bearer: [] }], [`${GET}.responses.401`]: undefined }),
      want: [`${GET}.responses`],
    },
  ],
  [
    "a public operation needs no 401",
    { given: mini({ [`${GET}.security`]: [], [`${GET}.responses.401`]: undefined }), want: [] },
  ],
  ["no security anywhere", { given: mini({ security: undefined, [`${GET}.responses.401`]: undefined }), want: [] }],
  [
    "a 4XX response covers 401",
    {
      given: mini({
        [`${GET}.responses.401`]: undefined,
        [`${GET}.responses.4XX`]: errorResponse(ref("unauthorized")),
      }),
      want: [],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
