import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-error-schema";
const SCHEMA = "components.schemas.thing_invalid";

const cases: RuleTable = [
  ["complete catalog schemas", { given: mini(), want: [] }],
  ["no x-error-status", { given: mini({ [`${SCHEMA}.x-error-status`]: undefined }), want: [SCHEMA] }],
  // The status and type rules skip a malformed status rather than report it again.
  ["a success status", { given: mini({ [`${SCHEMA}.x-error-status`]: 200 }), want: [`${SCHEMA}.x-error-status`] }],
  [
    "a status written as a string",
    { given: mini({ [`${SCHEMA}.x-error-status`]: "400" }), want: [`${SCHEMA}.x-error-status`] },
  ],
  [
    "an envelope field that is not required",
    { given: mini({ [`${SCHEMA}.properties.error.required`]: ["code", "type", "request_id"] }), want: [SCHEMA] },
  ],
  [
    "an envelope field that is missing",
    {
      given: mini({
        [`${SCHEMA}.properties.error.properties.request_id`]: undefined,
        [`${SCHEMA}.properties.error.required`]: ["code", "type", "message"],
      }),
      want: [SCHEMA],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
