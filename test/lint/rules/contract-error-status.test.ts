import { describe, it } from "vitest";
import { errorResponse, mini, ref } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-error-status";
const GET = "paths./things/{id}.get.responses";
const POST = "paths./things.post.responses";

const cases: RuleTable = [
  ["every code under its own status", { given: mini(), want: [] }],
  [
    "a 404 code in the 400 union",
    {
      given: mini({ [`${POST}.400.content.application/json.schema.oneOf.2`]: ref("thing_not_found") }),
      want: [`${POST}.400.content.application/json.schema.oneOf`],
    },
  ],
  [
    "a schema whose status changed is wrong everywhere it is listed",
    {
      given: mini({ "components.schemas.unauthorized.x-error-status": 403 }),
      want: [`${GET}.401.content.application/json`, `${POST}.401.content.application/json`],
    },
  ],
  [
    "a 4XX range covers a 404 code",
    { given: mini({ [`${GET}.404`]: undefined, [`${GET}.4XX`]: errorResponse(ref("thing_not_found")) }), want: [] },
  ],
  [
    "a 5XX range does not cover a 404 code",
    {
      given: mini({ [`${GET}.404`]: undefined, [`${GET}.5XX`]: errorResponse(ref("thing_not_found")) }),
      want: [`${GET}.5XX.content.application/json`],
    },
  ],
  [
    "default covers every code",
    {
      given: mini({ [`${GET}.default`]: errorResponse({ oneOf: [ref("thing_invalid"), ref("internal_error")] }) }),
      want: [],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
