// The MSW handlers intercept the clients' real `fetch` (no `fetch` option) in Node's setupServer.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import {
  ittybitErrorHandler,
  ittybitNetworkErrorHandler,
  ittybitResponseHandler,
} from "../../generated/ittybit/testing-msw.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { willItTrackErrorHandler } from "../../generated/willittrack/testing-msw.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("MSW handlers", () => {
  it("answer the API's server URL with a documented code", async () => {
    server.use(ittybitErrorHandler("GET /tasks/{id}", "task_not_found", { message: "Task t1 is gone." }));
    const client = createIttybitClient({ apiKey: "ittybit_test", retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "known", status: 404, kind: "task_not_found" });
    expect(error?.message).toContain("404 task_not_found: Task t1 is gone.");
  });

  it("answer an open status with its Retry-After, under the server URL's path", async () => {
    server.use(
      willItTrackErrorHandler("GET /checks/{slug}", "rate_limited", { requestId: "req_msw", retryAfterSeconds: 3 }),
    );
    const client = createWillItTrackClient({ apiKey: "pg_live_test", retry: false });
    const { error, response } = await client.GET("/checks/{slug}", { params: { path: { slug: "abc" } } });
    expect(error).toMatchObject({
      reason: "known",
      status: 429,
      code: "rate_limited",
      requestId: "req_msw",
      retryAfterMs: 3000,
    });
    expect(response?.url).toBe("https://api.willittrack.com/v1/checks/abc");
  });

  it("answer under init.baseUrl, each request with a fresh body", async () => {
    server.use(ittybitErrorHandler("GET /tasks/{id}", 503, { baseUrl: "http://127.0.0.1:9/api" }));
    const client = createIttybitClient({
      apiKey: "ittybit_test",
      baseUrl: "http://127.0.0.1:9/api",
      retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "declared_status", status: 503, kind: "undocumented", attempts: 2 });
  });

  it("answer under an init.baseUrl that ends in a slash", async () => {
    server.use(ittybitErrorHandler("GET /tasks/{id}", "task_not_found", { baseUrl: "http://127.0.0.1:9/api/" }));
    const client = createIttybitClient({ apiKey: "ittybit_test", baseUrl: "http://127.0.0.1:9/api", retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "known", status: 404, kind: "task_not_found" });
  });

  it("refuse, when made, a code the operation does not declare", () => {
    expect(() => ittybitErrorHandler("GET /tasks/{id}", "run_not_found" as never)).toThrow(
      'GET /tasks/{id} does not declare code "run_not_found"',
    );
  });

  it("fail an operation's requests as a dropped connection", async () => {
    server.use(ittybitNetworkErrorHandler("GET /tasks/{id}"));
    const client = createIttybitClient({ apiKey: "ittybit_test", retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "transport", transport: "network", retryable: true, attempts: 3 });
  });

  it("answer with a response of the test's own, such as a proxy's HTML page", async () => {
    const page = new Response("<html><body>Bad Gateway</body></html>", {
      status: 502,
      headers: { "Content-Type": "text/html" },
    });
    server.use(ittybitResponseHandler("GET /tasks/{id}", page));
    const client = createIttybitClient({ apiKey: "ittybit_test", retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "declared_status", status: 502, attempts: 3 });
    expect(error?.body).toBe("<html><body>Bad Gateway</body></html>");
  });

  it("refuse, when made, an operation the API does not have", () => {
    expect(() => ittybitNetworkErrorHandler("GET /nope" as never)).toThrow('Unknown operation "GET /nope"');
  });
});
