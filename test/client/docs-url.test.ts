// Where an error's `docsUrl` points: the vendor's own page about its errors by default (an
// https: page anyone can open, wherever the error is logged), the code's entry in the Redoc page
// under a `docsBaseUrl` where the consumer hosts the docs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient, ittybitErrorDocsUrl } from "../../generated/ittybit/index.js";
import { createWillItTrackClient, willItTrackErrorDocsUrl } from "../../generated/willittrack/index.js";
import { realContract } from "../support/contracts.js";
import { errorAnchor, errorDocsUrl, errorPagePath, operationAnchor, operationDocsUrl } from "../../src/docs-anchor.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

describe("errorDocsUrl", () => {
  it.each([
    ["https://docs.example.com/api/", "https://docs.example.com/api/ittybit.html#/errors/task_not_found"],
    ["https://docs.example.com/api", "https://docs.example.com/api/ittybit.html#/errors/task_not_found"],
    ["http://127.0.0.1:4173/", "http://127.0.0.1:4173/ittybit.html#/errors/task_not_found"],
    ["./", "./ittybit.html#/errors/task_not_found"],
    ["file:///pkg/generated/docs/", "file:///pkg/generated/docs/ittybit/errors/task_not_found.html"],
    ["file:///pkg/generated/docs", "file:///pkg/generated/docs/ittybit/errors/task_not_found.html"],
  ])("%s → %s", (base, expected) => {
    expect(errorDocsUrl(base, "ittybit", "task_not_found")).toBe(expected);
  });

  it("builds on errorAnchor and errorPagePath", () => {
    expect(errorDocsUrl("https://d.test/", "a", "c")).toBe(`https://d.test/a.html#${errorAnchor("c")}`);
    expect(errorDocsUrl(new URL("file:///d/"), "a", "c")).toBe(`file:///d/${errorPagePath("a", "c")}`);
  });
});

describe("operationAnchor", () => {
  // Redoc's slug of a tag: lower case, white space to one hyphen, `&` to `and`, no hyphen at either end.
  it.each([
    ["Webhook endpoints", "listWebhookEndpoints", "/webhook-endpoints/listwebhookendpoints"],
    ["Users & Groups", "getUser", "/users-and-groups/getuser"],
    ["A - B", "x", "/a-b/x"],
    ["  Padded \t tag  ", "x", "/padded-tag/x"],
    ["--Edge--", "x", "/edge/x"],
  ])("%j, %j → %s", (tag, operationId, expected) => {
    expect(operationAnchor(tag, operationId)).toBe(expected);
  });

  it("is the fragment of the operation's URL in the API's page", () => {
    expect(operationDocsUrl("https://d.test/docs", "a", "Users & Groups", "getUser")).toBe(
      "https://d.test/docs/a.html#/users-and-groups/getuser",
    );
  });
});

describe("an error's docsUrl", () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
    server.routes.set("GET /tasks/gone", (res) => json(res, 404, { kind: "task_not_found", message: "m" }));
    const error = { code: "not_found", type: "invalid_request_error", message: "m", request_id: null };
    server.routes.set("GET /checks/gone", (res) => json(res, 404, { error }));
  });
  afterAll(() => server.close());
  it("is the vendor's own error page by default, as the spec's root externalDocs gives it", async () => {
    const ittybit = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: false });
    const willittrack = createWillItTrackClient({ baseUrl: server.url, retry: false });
    const task = await ittybit.GET("/tasks/{id}", { params: { path: { id: "gone" } } });
    expect(task.error?.docsUrl).toBe("https://ittybit.com/docs/errors");
    const check = await willittrack.GET("/checks/{slug}", { params: { path: { slug: "gone" } } });
    expect(check.error?.docsUrl).toBe("https://www.willittrack.com/docs/errors");
    for (const [api, url] of [
      ["ittybit", ittybitErrorDocsUrl],
      ["willittrack", willItTrackErrorDocsUrl],
    ] as const) {
      const { document } = await realContract(api);
      expect((document as { externalDocs?: { url?: string } }).externalDocs?.url).toBe(url);
    }
    // Nothing of this machine's paths in what is logged.
    expect(JSON.stringify(task.error)).not.toContain("file:");
  });

  it("is the code's entry in the Redoc page under docsBaseUrl", async () => {
    const docsBaseUrl = "https://docs.example.com/errors/";
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: false, docsBaseUrl });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "gone" } } });
    expect(error?.docsUrl).toBe("https://docs.example.com/errors/ittybit.html#/errors/task_not_found");
  });
});
