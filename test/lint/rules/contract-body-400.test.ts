import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-body-400";
const BODY = { required: true, content: { "application/json": { schema: { type: "object" } } } };

const cases: RuleTable = [
  ["operations with a body declare 400", { given: mini(), want: [] }],
  ["operations without a body need no 400", { given: mini({ "paths./things.post.requestBody": undefined }), want: [] }],
  [
    "a body and no 400",
    { given: mini({ "paths./things/{id}.get.requestBody": BODY }), want: ["paths./things/{id}.get.responses"] },
  ],
  [
    // The 400 union was the only place its two codes were listed, so they become unreachable too.
    "the 400 response removed",
    {
      given: mini({ "paths./things.post.responses.400": undefined }),
      want: [
        "paths./things.post.responses",
        { rule: "contract-code-reachable", path: "components.schemas.thing_invalid" },
        { rule: "contract-code-reachable", path: "components.schemas.thing_too_big" },
      ],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
