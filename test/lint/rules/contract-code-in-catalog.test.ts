import { describe, it } from "vitest";
import { errorSchema, mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-code-in-catalog";
const UNION = "paths./things.post.responses.400.content.application/json.schema.oneOf";

const cases: RuleTable = [
  ["every listed code is a catalog schema", { given: mini(), want: [] }],
  [
    "an inline schema with a code the catalog lacks",
    { given: mini({ [`${UNION}.2`]: errorSchema("thing_locked", 400) }), want: [UNION] },
  ],
  [
    "an inline copy of a catalog schema",
    { given: mini({ [`${UNION}.1`]: errorSchema("thing_too_big", 400) }), want: [UNION] },
  ],
  [
    "an inline code as the whole body",
    {
      given: mini({
        "paths./things/{id}.get.responses.404.content.application/json.schema": errorSchema("thing_not_found", 404),
      }),
      want: ["paths./things/{id}.get.responses.404.content.application/json"],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
