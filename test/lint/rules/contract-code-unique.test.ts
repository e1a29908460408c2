import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-code-unique";
const TOO_BIG = "components.schemas.thing_too_big";

const cases: RuleTable = [
  ["one schema per code", { given: mini(), want: [] }],
  [
    "a copied schema that kept its sibling's code",
    {
      given: mini({
        [`${TOO_BIG}.properties.error.properties.code.const`]: "thing_invalid",
        [`${TOO_BIG}.examples.0.error.code`]: "thing_invalid",
      }),
      want: [`${TOO_BIG}.properties.error.properties.code.const`],
    },
  ],
  [
    "codes that differ only in case (one docs anchor)",
    {
      given: mini({
        [`${TOO_BIG}.properties.error.properties.code.const`]: "Thing_Invalid",
        [`${TOO_BIG}.examples.0.error.code`]: "Thing_Invalid",
        "x-error-policy.codeFormat": "any",
      }),
      want: [`${TOO_BIG}.properties.error.properties.code.const`],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
