import { describe, it } from "vitest";
import { errorResponse, errorSchema, mini, ref } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-code-reachable";

const cases: RuleTable = [
  ["every code is listed by an operation", { given: mini(), want: [] }],
  [
    "a new code no operation lists",
    {
      given: mini({ "components.schemas.thing_gone": errorSchema("thing_gone", 404) }),
      want: ["components.schemas.thing_gone"],
    },
  ],
  [
    "the only listing removed",
    {
      given: mini({ "paths./things/{id}.get.responses.404": undefined }),
      want: ["components.schemas.thing_not_found"],
    },
  ],
  [
    "a shared response no operation uses does not count",
    {
      given: mini({
        "components.schemas.thing_gone": errorSchema("thing_gone", 404),
        "components.responses.Gone": errorResponse(ref("thing_gone")),
      }),
      want: ["components.schemas.thing_gone"],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
