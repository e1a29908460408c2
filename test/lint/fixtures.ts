// A small API that follows the error contract, written inline so each rule test can break
// one thing with a dotted-path edit: `mini({ "paths./things.post.requestBody": undefined })`.
// Its envelope has every field (`code`, `type`, `message`, `requestId`), like WillItTrack's;
// deleting a pointer from `x-error-envelope` gives an Ittybit-like API.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ENVELOPE = {
  code: "/error/code",
  type: "/error/type",
  message: "/error/message",
  requestId: "/error/request_id",
};
const TYPES: Record<number, string> = { 500: "server_error" };

/** A catalog schema of the mini API, with its description and a valid example. */
export function errorSchema(code: string, status: number, type = TYPES[status] ?? "invalid_request"): Json {
  return {
    title: code,
    description: `The ${code.replaceAll("_", " ")} error.`,
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "type", "message", "request_id"],
        properties: {
          code: { type: "string", const: code },
          type: { type: "string", const: type },
          message: { type: "string" },
          request_id: { type: ["string", "null"] },
        },
      },
    },
    "x-error-status": status,
    examples: [{ error: { code, type, message: `Example of ${code}.`, request_id: "req_1" } }],
  };
}

export const REQUEST_ID: Json = { "X-Request-Id": { description: "The request's id.", schema: { type: "string" } } };
const RETRY_AFTER: Json = {
  ...REQUEST_ID,
  "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
};

/** A JSON error response whose body is `schema`. */
export function errorResponse(schema: Json, headers: Json = REQUEST_ID): Json {
  return { description: "An error.", headers, content: { "application/json": { schema } } };
}

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const OPEN_ENVELOPE: Json = {
  description: "The envelope every error uses, with an open code.",
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "type", "message", "request_id"],
      properties: {
        code: { type: "string" },
        type: ref("ErrorType"),
        message: { type: "string" },
        request_id: { type: ["string", "null"] },
      },
    },
  },
  examples: [{ error: { code: "undocumented", type: "invalid_request", message: "Slow down.", request_id: null } }],
};

const ERROR_TYPE: Json = {
  description: "The category of an error, with the statuses it is used with.",
  oneOf: [
    { type: "string", const: "invalid_request", "x-error-statuses": [400, 401, 403, 404, 429] },
    { type: "string", const: "server_error", "x-error-statuses": [500] },
  ],
};

function success(description: string): Json {
  return { description, headers: REQUEST_ID, content: { "application/json": { schema: { type: "object" } } } };
}

function commonErrors(): { [status: string]: Json } {
  return {
    "401": errorResponse(ref("unauthorized")),
    "429": errorResponse(ref("MiniError"), RETRY_AFTER),
    "500": errorResponse(ref("internal_error")),
  };
}

function baseSpec(): { [key: string]: Json } {
  return {
    openapi: "3.1.0",
    info: {
      title: "Mini",
      version: "1",
      description: "A small API for rule tests.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "https://api.example.test" }],
    security: [{ bearer: [] }],
    tags: [{ name: "Things", description: "Things." }],
    "x-error-envelope": ENVELOPE,
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          summary: "Create a thing",
          tags: ["Things"],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
          responses: {
            "201": success("Created."),
            "400": errorResponse({ oneOf: [ref("thing_invalid"), ref("thing_too_big")] }),
            ...commonErrors(),
          },
        },
      },
      "/things/{id}": {
        get: {
          operationId: "getThing",
          summary: "Get a thing",
          tags: ["Things"],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": success("The thing."), "404": errorResponse(ref("thing_not_found")), ...commonErrors() },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        ErrorType: ERROR_TYPE,
        MiniError: OPEN_ENVELOPE,
        internal_error: errorSchema("internal_error", 500),
        thing_invalid: errorSchema("thing_invalid", 400),
        thing_not_found: errorSchema("thing_not_found", 404),
        thing_too_big: errorSchema("thing_too_big", 400),
        unauthorized: errorSchema("unauthorized", 401),
      },
    },
  };
}

/**
 * The mini API with edits applied: each key is a dotted path (`paths./things.post.summary`),
 * each value replaces what is there, and `undefined` deletes it.
 */
export function mini(edits: Record<string, Json | undefined> = {}): object {
  // A copy without shared objects (structuredClone would keep them shared), so an edit
  // changes one place only and never leaks into the constants or the next case.
  const spec = JSON.parse(JSON.stringify(baseSpec())) as { [key: string]: Json };
  for (const [path, value] of Object.entries(edits)) setPath(spec, path.split("."), value);
  return spec;
}

function setPath(node: Json, keys: readonly string[], value: Json | undefined): void {
  const [key, ...rest] = keys;
  if (key === undefined || node === null || typeof node !== "object") throw new Error(`Cannot edit ${keys.join(".")}`);
  const container = node as Record<string, Json>;
  if (rest.length > 0) {
    container[key] ??= {};
    setPath(container[key]!, rest, value);
  } else if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(key), 1);
    else delete container[key];
  } else {
    container[key] = value;
  }
}
