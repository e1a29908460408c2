import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-error-type";
const SCHEMA = "components.schemas.thing_not_found";
const TYPE = `${SCHEMA}.properties.error.properties.type`;

/** Gives thing_not_found another type, in its schema and its example alike. */
const retyped = (type: string, edits = {}) =>
  mini({ [`${TYPE}.const`]: type, [`${SCHEMA}.examples.0.error.type`]: type, ...edits });

const cases: RuleTable = [
  ["every type is used with its code's status", { given: mini(), want: [] }],
  ["a type the table does not use with 404", { given: retyped("server_error"), want: [`${TYPE}.const`] }],
  ["a type that is not in the table", { given: retyped("not_found_error"), want: [`${TYPE}.const`] }],
  ["no const type", { given: mini({ [`${TYPE}.const`]: undefined }), want: [SCHEMA] }],
  [
    "a table that lost a status",
    {
      given: mini({ "components.schemas.ErrorType.oneOf.1.x-error-statuses": [503] }),
      want: ["components.schemas.internal_error.properties.error.properties.type.const"],
    },
  ],
  [
    "no table",
    {
      given: mini({ "components.schemas.ErrorType": { type: "string", description: "Any type." } }),
      want: ["x-error-envelope.type"],
    },
  ],
  [
    "an envelope without type is skipped",
    { given: retyped("server_error", { "x-error-envelope.type": undefined }), want: [] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
