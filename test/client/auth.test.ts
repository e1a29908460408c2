// The client sends its key as the API's security scheme says (the binding's `auth`, from the
// spec's securitySchemes), over loopback, and keeps it out of errors whatever it is sent in.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ittybitErrorCodeTypes, ittybitErrorEnvelope, ittybitOperationErrors } from "../../generated/ittybit/errors.js";
import { ApiError, createApiClient, type ApiBinding } from "../../src/client/index.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

const KEY = "k3y_SECRET_0123456789";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

function client(auth: ApiBinding["auth"]) {
  const binding: ApiBinding = {
    api: "demo",
    serverUrl: server.url,
    requiresApiKey: true,
    ...(auth === undefined ? {} : { auth }),
    envelope: ittybitErrorEnvelope,
    fields: { code: "kind" },
    catalog: ittybitErrorCodeTypes,
    operations: ittybitOperationErrors,
    ErrorClass: ApiError,
  };
  return createApiClient(binding, { apiKey: KEY, retry: false });
}

describe("the client's credentials", () => {
  it.each([
    ["bearer by default", undefined, { authorization: `Bearer ${KEY}` }, ""],
    ["bearer", { scheme: "bearer" } as const, { authorization: `Bearer ${KEY}` }, ""],
    ["basic, the key base64-encoded", { scheme: "basic" } as const, { authorization: `Basic ${btoa(KEY)}` }, ""],
    ["an API key header", { scheme: "apiKey", in: "header", name: "X-Demo-Auth" } as const, { "x-demo-auth": KEY }, ""],
    ["an API key query parameter", { scheme: "apiKey", in: "query", name: "auth" } as const, {}, `auth=${KEY}`],
  ])("are sent as %s, and never appear in an error that echoes them", async (_name, auth, headers, query) => {
    server.routes.set("GET /tasks/echo", (res, _attempt, req) => {
      const echoed = `${req.url} ${JSON.stringify(req.headers)}`;
      json(res, 404, { kind: "task_not_found", message: echoed }, { "x-request-id": echoed });
    });
    let seen: { url?: string | undefined; headers: Record<string, unknown> } = { headers: {} };
    server.routes.set("GET /tasks/seen", (res, _attempt, req) => {
      seen = { url: req.url, headers: req.headers };
      json(res, 404, { kind: "task_not_found", message: "gone" });
    });
    const api = client(auth);
    await api.GET!("/tasks/{id}", { params: { path: { id: "seen" } } } as never);
    expect(seen.headers).toMatchObject(headers);
    if (auth?.scheme === "apiKey") expect(seen.headers).not.toHaveProperty("authorization");
    expect(seen.url?.split("?")[1] ?? "").toBe(query);
    const { error } = await api.GET!("/tasks/{id}", { params: { path: { id: "echo" } } } as never);
    expect(error).toMatchObject({ reason: "known" });
    expect(inspect(error, { depth: Infinity }) + JSON.stringify(error)).not.toContain(KEY);
  });
});
