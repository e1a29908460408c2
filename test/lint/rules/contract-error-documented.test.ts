import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-error-documented";
const SCHEMA = "components.schemas.thing_invalid";
const EXAMPLE = `${SCHEMA}.examples.0`;

const cases: RuleTable = [
  ["descriptions and valid examples", { given: mini(), want: [] }],
  ["an empty description", { given: mini({ [`${SCHEMA}.description`]: "" }), want: [`${SCHEMA}.description`] }],
  ["a blank description", { given: mini({ [`${SCHEMA}.description`]: "  " }), want: [`${SCHEMA}.description`] }],
  ["no description", { given: mini({ [`${SCHEMA}.description`]: undefined }), want: [SCHEMA] }],
  ["no examples", { given: mini({ [`${SCHEMA}.examples`]: undefined }), want: [SCHEMA] }],
  ["an empty examples list", { given: mini({ [`${SCHEMA}.examples`]: [] }), want: [`${SCHEMA}.examples`] }],
  [
    "an example with another code",
    { given: mini({ [`${EXAMPLE}.error.code`]: "thing_too_big" }), want: [`${EXAMPLE}.error.code`] },
  ],
  [
    "an example without a required field",
    { given: mini({ [`${EXAMPLE}.error.message`]: undefined }), want: [`${EXAMPLE}.error`] },
  ],
  [
    "an open envelope without a description",
    { given: mini({ "components.schemas.MiniError.description": undefined }), want: ["components.schemas.MiniError"] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
