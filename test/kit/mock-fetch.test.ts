// createMockFetch against a hand-made table: route matching (base path, method, literal before
// template, regex characters in paths), the request a route receives, and transport failures.
import { describe, expect, it } from "vitest";
import { FetchSetupError } from "../../src/client/errors.js";
import type { ErrorTables } from "../../src/tables.js";
import { createMockFetch, type MockFetchOptions } from "../../src/kit/mock-fetch.js";

const tables: ErrorTables = {
  envelope: { code: ["kind"], message: ["message"] },
  catalog: { task_not_found: { status: 404, example: { kind: "task_not_found", message: "No such task." } } },
  operations: {
    "GET /tasks/{id}": { "404": { codes: ["task_not_found"], open: false } },
    "GET /tasks/search": {},
    "GET /tasks": {},
    "DELETE /tasks/{id}": {},
    "GET /v1.0/status": {},
  },
};

const base = "https://api.example.com/v1";
const mock = (routes: MockFetchOptions["routes"], baseUrl = base) =>
  createMockFetch({ name: "mockFetch", tables, routes, baseUrl });
/** A route's answer that names the route, to see which one a request reached. */
const named = (route: string) => () => Response.json({ route });
const reached = async (response: Promise<Response>) => ((await (await response).json()) as { route: string }).route;

describe("createMockFetch", () => {
  it.each([
    ["template listed first", { "GET /tasks/{id}": named("id"), "GET /tasks/search": named("search") }],
    ["literal listed first", { "GET /tasks/search": named("search"), "GET /tasks/{id}": named("id") }],
  ])("prefers a literal segment to a template (%s)", async (_, routes) => {
    const fetch = mock(routes);
    expect(await reached(fetch(`${base}/tasks/search`))).toBe("search");
    expect(await reached(fetch(`${base}/tasks/t1`))).toBe("id");
  });

  it("matches the method as well as the path", async () => {
    const fetch = mock({ "DELETE /tasks/{id}": named("delete"), "GET /tasks/{id}": named("get") });
    expect(await reached(fetch(`${base}/tasks/t1`))).toBe("get");
    expect(await reached(fetch(`${base}/tasks/t1`, { method: "DELETE" }))).toBe("delete");
  });

  it.each([
    ["a base URL with a trailing slash", `${base}/`, `${base}/tasks`],
    ["a path outside the base path, matched whole", base, "https://api.example.com/tasks"],
    ["a base URL without a path", "https://api.example.com", "https://api.example.com/tasks"],
  ])("matches %s", async (_, baseUrl, url) => {
    expect(await reached(mock({ "GET /tasks": named("tasks") }, baseUrl)(url))).toBe("tasks");
  });

  it("matches a path's regex characters literally", async () => {
    const fetch = mock({ "GET /v1.0/status": named("status") });
    expect(await reached(fetch(`${base}/v1.0/status`))).toBe("status");
    await expect(fetch(`${base}/v1x0/status`)).rejects.toThrow(
      new FetchSetupError(`mockFetch: no route for GET ${base}/v1x0/status. Routes: GET /v1.0/status.`),
    );
  });

  it("keeps a credential in the query out of its errors", async () => {
    const query = "?limit=2&api_key=QK_SECRET_1&access_token=a%2Bb%3D";
    await expect(mock({})(`${base}/tasks${query}`)).rejects.toThrow(
      new FetchSetupError(
        `mockFetch: no route for GET ${base}/tasks?limit=2&api_key=[redacted]&access_token=[redacted]. Routes: none.`,
      ),
    );
    const fetch = mock({ "GET /tasks": [named("once")] });
    await fetch(`${base}/tasks`);
    await expect(fetch(`${base}/tasks?token=TK_SECRET_2`)).rejects.toThrow(
      new FetchSetupError(
        `mockFetch: GET /tasks was called 2 times, but its route has 1 answers (GET ${base}/tasks?token=[redacted]).`,
      ),
    );
  });

  it("treats an undefined route as no route", async () => {
    await expect(mock({ "GET /tasks": undefined })(`${base}/tasks`)).rejects.toThrow(
      new FetchSetupError(`mockFetch: no route for GET ${base}/tasks. Routes: none.`),
    );
  });

  it("refuses an operation the API does not have, listing those it has", () => {
    expect(() => mock({ "GET /nope": 500 })).toThrow(
      new Error(
        'mockFetch: unknown operation "GET /nope". Known operations: ' +
          "GET /tasks/{id}, GET /tasks/search, GET /tasks, DELETE /tasks/{id}, GET /v1.0/status.",
      ),
    );
  });

  it("hands a route the caller's Request itself, or a new one when init is given", async () => {
    const seen: Request[] = [];
    const record = (route: string) => (request: Request) => {
      seen.push(request);
      return named(route)();
    };
    const fetch = mock({ "GET /tasks/{id}": record("get"), "DELETE /tasks/{id}": record("delete") });
    const request = new Request(`${base}/tasks/t1`);
    expect(await reached(fetch(request))).toBe("get");
    expect(await reached(fetch(request, { method: "DELETE" }))).toBe("delete");
    expect(seen[0]).toBe(request);
    expect(seen[1]?.method).toBe("DELETE");
  });

  it('rejects a "network" route like a dropped connection', async () => {
    const failure = await mock({ "GET /tasks": "network" })(`${base}/tasks`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: "fetch failed", cause: new Error("Mocked network failure") });
  });

  it('rejects a "timeout" route at once when the signal is already aborted', async () => {
    const reason = new Error("gave up");
    const fetch = mock({ "GET /tasks": "timeout" });
    await expect(fetch(`${base}/tasks`, { signal: AbortSignal.abort(reason) })).rejects.toThrow(reason);
  });
});
