import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-no-discriminator";
const UNION = "paths./things.post.responses.400.content.application/json.schema";
const DISCRIMINATOR = { propertyName: "error" };

const cases: RuleTable = [
  ["plain oneOf unions", { given: mini(), want: [] }],
  [
    "a discriminator on an error union",
    { given: mini({ [`${UNION}.discriminator`]: DISCRIMINATOR }), want: [`${UNION}.discriminator`] },
  ],
  // Reported in the member's own definition, where the keyword is written.
  [
    "a discriminator inside a listed catalog schema",
    {
      given: mini({ "components.schemas.thing_invalid.discriminator": DISCRIMINATOR }),
      want: ["components.schemas.thing_invalid.discriminator"],
    },
  ],
  [
    "success bodies may use one",
    {
      given: mini({
        "paths./things/{id}.get.responses.200.content.application/json.schema": {
          oneOf: [{ type: "object" }],
          discriminator: DISCRIMINATOR,
        },
      }),
      want: [],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
