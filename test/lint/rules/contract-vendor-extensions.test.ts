import { describe, it } from "vitest";
import { mini } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-vendor-extensions";
const GET = "paths./things/{id}.get";

const cases: RuleTable = [
  ["only documented extensions", { given: mini(), want: [] }],
  ["x-inferred may sit on an operation", { given: mini({ [`${GET}.x-inferred`]: "The path is assumed." }), want: [] }],
  [
    "an unknown extension on an operation",
    { given: mini({ [`${GET}.x-internal`]: true }), want: [`${GET}.x-internal`] },
  ],
  [
    "an unused Redoc extension",
    { given: mini({ "x-tagGroups": [{ name: "All", tags: ["Things"] }] }), want: ["x-tagGroups"] },
  ],
  ["an extension among the paths", { given: mini({ "paths.x-draft": true }), want: ["paths.x-draft"] }],
  [
    "x-error-envelope off the root",
    { given: mini({ [`${GET}.x-error-envelope`]: { code: "/code" } }), want: [`${GET}.x-error-envelope`] },
  ],
  [
    "a property named x-… is no extension",
    { given: mini({ "components.schemas.MiniError.properties.x-trace": { type: "string" } }), want: [] },
  ],
  [
    "a header named x-… is no extension",
    { given: mini({ [`${GET}.responses.200.headers.x-trace`]: { schema: { type: "string" } } }), want: [] },
  ],
  [
    "example data is not checked",
    { given: mini({ "components.schemas.thing_invalid.examples.0.x-debug": true }), want: [] },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
