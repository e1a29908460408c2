import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-code-format";
const SCHEMA = "components.schemas.thing_invalid";
const CODE = `${SCHEMA}.properties.error.properties.code.const`;

/** The mini spec's other codes, which stay snake_case. */
const OTHER_CODES = ["internal_error", "thing_not_found", "thing_too_big", "unauthorized"];
const codeAt = (code: string): string => `components.schemas.${code}.properties.error.properties.code.const`;

/** Renames thing_invalid's code, in its schema and its example alike. */
const renamed = (code: string) => mini({ [CODE]: code, [`${SCHEMA}.examples.0.error.code`]: code });

const cases: RuleTable = [
  ["snake_case codes", { given: mini(), want: [] }],
  ["digits after the first letter", { given: renamed("thing_404"), want: [] }],
  ["camelCase", { given: renamed("thingInvalid"), want: [CODE] }],
  ["kebab-case", { given: renamed("thing-invalid"), want: [CODE] }],
  ["a double underscore", { given: renamed("thing__invalid"), want: [CODE] }],
  ["a leading digit", { given: renamed("4xx_invalid"), want: [CODE] }],
  [
    "UPPER_SNAKE codes in an API whose policy says so: only its snake_case ones are reported",
    {
      given: { ...renamed("THING_INVALID"), "x-error-policy": { codeFormat: "UPPER_SNAKE" } },
      want: OTHER_CODES.map(codeAt),
    },
  ],
  [
    "any code without spaces when the format is any",
    { given: { ...renamed("thingInvalid"), "x-error-policy": { codeFormat: "any" } }, want: [] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
