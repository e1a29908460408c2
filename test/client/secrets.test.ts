// The API key never shows in an error: not in its message, JSON, util.inspect, String() or
// cause chain, even when the server or a custom fetch echoes it back.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

const KEY = "ittybit_live_SECRET_0123456789";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** Every way an error is commonly turned into text, cause chain included. */
function renderings(error: unknown): string[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain.flatMap((e) => [
    String(e),
    JSON.stringify(e) ?? "",
    inspect(e, { depth: Infinity, showHidden: true }),
    (e as Error).stack ?? "",
    (e as Error).message ?? "",
  ]);
}

function expectNoKey(error: unknown, key = KEY): void {
  expect(error).toBeDefined();
  for (const text of renderings(error)) expect(text).not.toContain(key);
}

describe("the API key in errors", () => {
  it("is scrubbed when the server echoes it in the message, the body and a header", async () => {
    server.routes.set("GET /tasks/echo", (res, _attempt, req) => {
      const sent = String(req.headers.authorization);
      json(res, 401, { kind: "token_invalid", message: `Rejected ${sent}`, [sent]: sent }, { "x-request-id": sent });
    });
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "echo" } } });
    expect(error).toMatchObject({ reason: "known", kind: "token_invalid", requestId: "Bearer [redacted]" });
    expectNoKey(error);
  });

  it("is scrubbed from a failing fetch's error and its causes", async () => {
    const fetch = async (request: Request): Promise<Response> => {
      const sent = request.headers.get("authorization");
      const root = Object.assign(new Error(`socket for ${sent} closed`), {
        code: "ECONNRESET",
        headers: { authorization: sent },
      });
      throw new TypeError(`fetch failed with ${sent}`, { cause: root });
    };
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, fetch });
    const { error } = await client.GET("/tasks");
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
    expect((error?.cause as { cause?: { code?: string } } | undefined)?.cause?.code).toBe("ECONNRESET");
    expectNoKey(error);
  });

  it("is scrubbed when thrown", async () => {
    server.routes.set("GET /tasks/echo2", (res, _attempt, req) =>
      res.writeHead(502).end(`<p>${req.headers.authorization}</p>`),
    );
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, throwOnError: true });
    const thrown = await client.GET("/tasks/{id}", { params: { path: { id: "echo2" } } }).catch((e: unknown) => e);
    expectNoKey(thrown);
  });

  it("is scrubbed when it came in the client's headers instead of apiKey", async () => {
    server.routes.set("GET /checks/echo", (res, _attempt, req) =>
      json(res, 404, {
        error: {
          code: "not_found",
          type: "invalid_request_error",
          message: String(req.headers.authorization),
          request_id: null,
        },
      }),
    );
    const client = createWillItTrackClient({
      baseUrl: server.url,
      retry: false,
      headers: { Authorization: `Bearer ${KEY}` },
    });
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "echo" } } });
    expect(error?.reason).toBe("known");
    expectNoKey(error);
  });

  it("is not in a transport error's message or cause after a timeout", async () => {
    server.routes.set("GET /tasks/slow", (res) => setTimeout(() => res.end(), 1000).unref());
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, timeoutMs: 50 });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "slow" } } });
    expect(error?.reason).toBe("transport");
    expectNoKey(error);
  });

  it("is scrubbed when it stands only as a JSON object key in the body", async () => {
    server.routes.set("GET /tasks/keyed", (res, _attempt, req) => {
      const sent = String(req.headers.authorization).replace("Bearer ", "");
      json(res, 401, { kind: "token_invalid", message: "Rejected.", rejected: { [sent]: true } });
    });
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "keyed" } } });
    expect(error?.body).toEqual({ kind: "token_invalid", message: "Rejected.", rejected: { "[redacted]": true } });
    expectNoKey(error);
  });

  it("is scrubbed from every level of a cause chain", async () => {
    const fetch = async (request: Request): Promise<Response> => {
      const sent = String(request.headers.get("authorization"));
      let cause: Error | undefined;
      for (const level of [4, 3, 2, 1]) {
        cause = Object.assign(new Error(`level ${level}: ${sent}`, { cause }), { code: `E${level}_${KEY}` });
      }
      throw new TypeError(`fetch failed: ${sent}`, { cause });
    };
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, fetch });
    const { error } = await client.GET("/tasks");
    const messages: string[] = [];
    for (let e = error?.cause; e instanceof Error; e = e.cause) {
      messages.push(e.message, String((e as { code?: unknown }).code));
    }
    expect(messages).toEqual([
      "fetch failed: Bearer [redacted]",
      "undefined",
      ...[1, 2, 3, 4].flatMap((level) => [`level ${level}: Bearer [redacted]`, `E${level}_[redacted]`]),
    ]);
    expectNoKey(error);
  });
});

describe("every credential a call sends, in errors", () => {
  const PER_CALL = "PERCALL_SECRET_456";

  it("is scrubbed when it came in the call's own Authorization header", async () => {
    server.routes.set("GET /tasks", (res, _attempt, req) => {
      const sent = String(req.headers.authorization);
      json(res, 401, { kind: "token_invalid", message: `Rejected ${sent}`, [sent]: sent }, { "x-request-id": sent });
    });
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks", { headers: { Authorization: `Bearer ${PER_CALL}` } });
    expect(server.hitsOn("GET /tasks").at(-1)?.headers.authorization).toBe(`Bearer ${PER_CALL}`);
    expect(error).toMatchObject({ reason: "known", kind: "token_invalid", requestId: "Bearer [redacted]" });
    expect(error?.message).toBe(
      "GET /tasks returned 401 token_invalid: Rejected Bearer [redacted] (request id Bearer [redacted])",
    );
    expectNoKey(error, PER_CALL);
    expectNoKey(error, KEY);
  });

  it("is scrubbed when thrown, and when a call's key header is echoed by a failing fetch", async () => {
    const fetch = async (request: Request): Promise<Response> => {
      const { headers } = request;
      throw new TypeError(`fetch failed for ${headers.get("x-api-key")} and ${headers.get("authorization")}`);
    };
    const client = createWillItTrackClient({ baseUrl: server.url, retry: false, fetch, throwOnError: true });
    const headers = { "X-Api-Key": PER_CALL, Authorization: `Bearer ${KEY}` };
    const init = { params: { path: { slug: "x" } }, headers };
    const thrown = await client.GET("/checks/{slug}", init).catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      reason: "transport",
      message: "GET /checks/{slug} failed: network error (fetch failed for [redacted] and Bearer [redacted])",
    });
    expectNoKey(thrown, PER_CALL);
    expectNoKey(thrown, KEY);
  });

  it("is scrubbed when middleware added it", async () => {
    server.routes.set("GET /checks/mw", (res, _attempt, req) =>
      res.writeHead(502).end(`<p>${req.headers.authorization}</p>`),
    );
    const client = createWillItTrackClient({ baseUrl: server.url, retry: false });
    client.use({ onRequest: ({ request }) => void request.headers.set("authorization", `Bearer ${PER_CALL}`) });
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "mw" } } });
    expect(error?.body).toBe("<p>Bearer [redacted]</p>");
    // The message quotes the body's first characters, taken after the credentials were.
    expect(error?.message).toContain('"<p>Bearer [redacted]</p>"');
    expectNoKey(error, PER_CALL);
  });
});

describe("a short key", () => {
  it("is removed where it stands as a token; the words around it and what the client wrote stay", async () => {
    server.routes.set("GET /tasks/short", (res, _attempt, req) => {
      const body = { kind: "task_not_found", message: `No task for ${req.headers.authorization}.` };
      json(res, 404, body, { "x-request-id": "req_docs" });
    });
    // A key that is also a segment of the docs URL the client writes into the error.
    const client = createIttybitClient({ apiKey: "docs", baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "short" } } });
    const docsUrl = "https://ittybit.com/docs/errors";
    expect(error).toMatchObject({ reason: "known", kind: "task_not_found", requestId: "req_[redacted]", docsUrl });
    expect(error?.message).toBe(
      "GET /tasks/{id} returned 404 task_not_found: No task for Bearer [redacted]. (request id req_[redacted])",
    );
    expect(error?.body).toEqual({ kind: "task_not_found", message: "No task for Bearer [redacted]." });
  });
});

describe("a secret in the URL's query string", () => {
  const QUERY_KEY = "QUERY_SECRET_a1b2c3";

  it.each([["api_key"], ["token"], ["access_token"], ["secret"], ["password"], ["key"], ["upload_key"], ["id_token"]])(
    "?%s=… is scrubbed from a transport failure's message and cause",
    async (name) => {
      const fetch = async (request: Request): Promise<Response> => {
        throw new TypeError(`Failed to fetch ${request.url}`, { cause: new Error(`no route to ${request.url}`) });
      };
      const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, fetch });
      const { error } = await client.GET("/tasks", { params: { query: { [name]: QUERY_KEY, limit: 2 } as never } });
      expect(error).toMatchObject({ reason: "transport", message: expect.stringContaining("[redacted]") });
      expect(error?.message).toContain("limit=2");
      expectNoKey(error, QUERY_KEY);
    },
  );
});

describe("a thrown value that is not an Error", () => {
  it("is replaced by an Error of its string form: the request's headers in `throw { request }` are gone", async () => {
    const fetch = async (request: Request): Promise<Response> => {
      throw {
        request,
        headers: request.headers,
        toString: () => `custom fetch failed (${request.headers.get("authorization")})`,
      };
    };
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, fetch });
    const { error } = await client.GET("/tasks");
    expect(error?.cause).toBeInstanceOf(Error);
    expect((error?.cause as Error | undefined)?.message).toBe("custom fetch failed (Bearer [redacted])");
    expectNoKey(error);
  });
});

describe("an encoded form of the key", () => {
  // With characters that URL-encoding and base64's alphabets change.
  const ODD_KEY = "sk_live/SECRET+0123==";
  const encodings: [string, (key: string) => string][] = [
    ["URL-encoded", (key) => encodeURIComponent(`Bearer ${key}`)],
    ["base64", (key) => Buffer.from(`Bearer ${key}`).toString("base64")],
    ["base64url", (key) => Buffer.from(`x${key}`).toString("base64url")],
    ["upper-cased", (key) => `BEARER ${key.toUpperCase()}`],
    ["glued to a word", (key) => `token${key}`],
  ];

  it.each(encodings)("%s, echoed in the body, a header and a thrown cause, is scrubbed", async (_, encode) => {
    server.routes.set("GET /tasks/encoded", (res, _attempt, req) => {
      const key = String(req.headers.authorization).replace("Bearer ", "");
      json(res, 401, { kind: "token_invalid", message: `Rejected ${encode(key)}` }, { "x-request-id": encode(key) });
    });
    const client = createIttybitClient({ apiKey: ODD_KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "encoded" } } });
    expect(error?.reason).toBe("known");
    for (const form of [ODD_KEY, encode(ODD_KEY)]) expectNoKey(error, form);

    const fetch = async (): Promise<Response> => {
      throw new TypeError(`fetch failed: ${encode(ODD_KEY)}`);
    };
    const failing = createIttybitClient({ apiKey: ODD_KEY, baseUrl: server.url, retry: false, fetch });
    const { error: thrown } = await failing.GET("/tasks");
    for (const form of [ODD_KEY, encode(ODD_KEY)]) expectNoKey(thrown, form);
  });
});

describe("a 2xx body that is not JSON", () => {
  it.each([["Bearer "], [""], ["key="]])(
    "and begins %j then the key: the parse error's quote of it is not kept",
    async (before) => {
      server.routes.set("GET /tasks/notjson", (res, _attempt, req) => {
        const key = String(req.headers.authorization).replace("Bearer ", "");
        res.writeHead(200, { "content-type": "application/json" }).end(`${before}${key} and more`);
      });
      const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
      const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "notjson" } } });
      expect(error).toMatchObject({ reason: "unexpected_response", status: 200 });
      expect((error?.cause as Error | undefined)?.message).toMatch(
        /^The body is not valid JSON \(its first characters are not quoted/,
      );
      for (const piece of [KEY, KEY.slice(0, 4), `${before}${KEY}`.slice(0, 10)]) expectNoKey(error, piece);
    },
  );

  it("that holds no part of the key keeps the parse error's own message", async () => {
    server.routes.set("GET /tasks/html", (res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("<html>"),
    );
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "html" } } });
    expect((error?.cause as Error | undefined)?.message).toMatch(/"<html>" is not valid JSON/);
  });
});
