import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-code-format";
const SCHEMA = "components.schemas.thing_invalid";
const CODE = `${SCHEMA}.properties.error.properties.code.const`;

/** Renames thing_invalid's code, in its schema and its example alike. */
const renamed = (code: string) => mini({ [CODE]: code, [`${SCHEMA}.examples.0.error.code`]: code });

const cases: RuleTable = [
  ["snake_case codes", { given: mini(), want: [] }],
  ["digits after the first letter", { given: renamed("thing_404"), want: [] }],
  ["camelCase", { given: renamed("thingInvalid"), want: [CODE] }],
  ["kebab-case", { given: renamed("thing-invalid"), want: [CODE] }],
  ["a double underscore", { given: renamed("thing__invalid"), want: [CODE] }],
  ["a leading digit", { given: renamed("4xx_invalid"), want: [CODE] }],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
