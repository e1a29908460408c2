import { describe, it } from "vitest";
import { errorResponse, mini, ref } from "../fixtures.js";
import { expectRule, type RuleTable } from "../helpers.js";

const RULE = "contract-error-body";
const GET_404 = "paths./things/{id}.get.responses.404";
// The open envelope's 429 is edited where a case replaces a body, so no code loses its listing.
const GET_429 = "paths./things/{id}.get.responses.429";
const POST_400 = "paths./things.post.responses.400";

/** POST /things' two 400 codes in an `anyOf`, with these schemas after them. */
const anyOf = (...more: string[]) => ({ anyOf: ["thing_invalid", "thing_too_big", ...more].map(ref) });

const cases: RuleTable = [
  ["catalog schemas, a oneOf of them and the open envelope", { given: mini(), want: [] }],
  [
    "a +json media type is JSON",
    {
      given: mini({ [`${GET_404}.content`]: { "application/problem+json": { schema: ref("thing_not_found") } } }),
      want: [],
    },
  ],
  [
    "success bodies are not checked",
    {
      given: mini({ "paths./things/{id}.get.responses.200.content.application/json.schema": { type: "string" } }),
      want: [],
    },
  ],
  [
    "a 429 body that is not the envelope",
    {
      given: mini({
        [`${GET_429}.content.application/json.schema`]: { type: "object", properties: { detail: { type: "string" } } },
      }),
      want: [`${GET_429}.content.application/json`],
    },
  ],
  ["an error response without a body", { given: mini({ [`${GET_429}.content`]: undefined }), want: [GET_429] }],
  [
    "an HTML error body",
    {
      given: mini({ [`${GET_429}.content`]: { "text/html": { schema: { type: "string" } } } }),
      want: [`${GET_429}.content.text/html`],
    },
  ],
  [
    "a JSON body without a schema",
    {
      given: mini({ [`${GET_429}.content.application/json.schema`]: undefined }),
      want: [`${GET_429}.content.application/json`],
    },
  ],
  [
    "the open envelope inside a oneOf",
    {
      given: mini({ [`${POST_400}.content.application/json.schema.oneOf.2`]: ref("MiniError") }),
      want: [`${POST_400}.content.application/json.schema.oneOf`],
    },
  ],
  [
    "codes with the open envelope in an anyOf",
    { given: mini({ [`${POST_400}.content.application/json.schema`]: anyOf("MiniError") }), want: [] },
  ],
  [
    "an anyOf of codes without the open envelope",
    {
      given: mini({ [`${POST_400}.content.application/json.schema`]: anyOf() }),
      want: [`${POST_400}.content.application/json.schema.anyOf`],
    },
  ],
  [
    "an anyOf with the open envelope twice",
    {
      given: mini({ [`${POST_400}.content.application/json.schema`]: anyOf("MiniError", "MiniError") }),
      want: [`${POST_400}.content.application/json.schema.anyOf`],
    },
  ],
  [
    "an anyOf with a member that is neither a code nor the open envelope",
    {
      given: mini({
        [`${POST_400}.content.application/json.schema`]: { anyOf: [...anyOf("MiniError").anyOf, { type: "string" }] },
      }),
      want: [`${POST_400}.content.application/json.schema.anyOf`],
    },
  ],
  [
    "a default response is an error response",
    {
      given: mini({ "paths./things/{id}.get.responses.default": errorResponse({ type: "string" }) }),
      want: ["paths./things/{id}.get.responses.default.content.application/json"],
    },
  ],
];

describe(RULE, () => {
  it.each(cases)("%s", (_name, testCase) => expectRule(RULE, testCase));
});
