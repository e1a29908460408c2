// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { printPointer } from "../../contract/envelope.js";
import { classifyMember, errorBodies, errorResponses } from "../../contract/facts.js";
import { isJsonMediaType } from "../../../src/tables.js";
import { isObject } from "../../contract/openapi.js";
import { factsOf, memberSite } from "../lib/contract.js";

/** @typedef {import("@stoplight/spectral-core").IFunctionResult} Result */
/** @typedef {import("../../contract/facts.js").Facts} Facts */
/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */

/**
 * Every error response has a JSON body that is the API's error envelope: one catalog schema,
 * a plain `oneOf` of catalog schemas, the open envelope, or an `anyOf` of catalog schemas and
 * the open envelope (documented codes, or one the vendor does not document).
 */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /** @returns {Result[] | undefined} */
  function errorBody(responses, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const bodies = errorBodies(contract.document, responses);
    return [
      ...mediaProblems(contract.document, responses, context.path),
      ...bodies.flatMap((body) => bodyProblems(body, contract, context.path)),
    ];
  },
);

/**
 * Error responses without a body, and bodies that are not JSON.
 * @param {unknown} document
 * @param {unknown} responses
 * @param {JsonPath} at
 * @returns {Result[]}
 */
function mediaProblems(document, responses, at) {
  const problems = [];
  for (const [status, response] of errorResponses(document, responses)) {
    const content = isObject(response.content) ? response.content : {};
    if (Object.keys(content).length === 0) {
      problems.push({
        path: [...at, status],
        message:
          `The ${status} response has no body; ` +
          "an error response carries the error envelope as `application/json`.",
      });
    }
    for (const [mediaType, media] of Object.entries(content)) {
      const where = [...at, status, "content", mediaType];
      if (!isJsonMediaType(mediaType))
        problems.push({
          path: where,
          message: `The ${status} body is \`${mediaType}\`; error bodies are the JSON error envelope.`,
        });
      else if (!isObject(media) || media.schema === undefined)
        problems.push({
          path: where,
          message: `The ${status} body has no schema; use a catalog schema or the open envelope.`,
        });
    }
  }
  return problems;
}

/**
 * An `anyOf` lists catalog codes and the open envelope once: it exists for their overlap.
 * @param {import("../../contract/facts.js").ErrorBody} body
 * @param {string[]} kinds each member's kind
 * @param {JsonPath} site
 * @param {string} code the printed pointer to the code
 * @returns {Result[]}
 */
function anyOfProblems(body, kinds, site, code) {
  const envelopes = kinds.filter((kind) => kind === "envelope").length;
  const others = kinds.flatMap((kind, index) => (kind === "other" ? [index + 1] : []));
  const problems = others.map((index) => ({
    path: site,
    message:
      `Member ${index} of the ${body.status} \`anyOf\` is neither a catalog schema ` +
      `(no \`const\` at ${code}) nor the open envelope.`,
  }));
  if (envelopes !== 1)
    problems.push({
      path: site,
      message:
        `The ${body.status} \`anyOf\` lists the open envelope ${envelopes} times; ` +
        "list it once, with the codes, or list the codes alone in a `oneOf`.",
    });
  return problems;
}

/**
 * @param {import("../../contract/facts.js").ErrorBody} body
 * @param {Facts} contract
 * @param {JsonPath} at the path of the Responses object
 * @returns {Result[]}
 */
function bodyProblems(body, contract, at) {
  const site = memberSite(body, at);
  const code = printPointer(contract.envelope.code);
  const kinds = body.members.map((member) => classifyMember(member, contract).kind);
  if (body.union === "anyOf") return anyOfProblems(body, kinds, site, code);
  if (body.union) {
    return kinds.flatMap((kind, index) =>
      kind === "envelope" || kind === "other"
        ? [
            {
              path: site,
              message:
                `Member ${index + 1} of the ${body.status} \`oneOf\` is not a catalog schema ` +
                `(it has no \`const\` at ${code}); list codes only, or use the open envelope alone ` +
                "(or, with codes, in an `anyOf`: it overlaps them, so a `oneOf` would reject every body).",
            },
          ]
        : [],
    );
  }
  if (kinds[0] !== "other") return [];
  const envelopes = contract.openEnvelopes.map((e) => e.name).join(" or ") || "the open envelope";
  return [
    {
      path: site,
      message:
        `The ${body.status} body is not the error envelope: ` +
        `use a catalog schema, a \`oneOf\` of catalog schemas, or ${envelopes}.`,
    },
  ];
}
