// The calls and open statuses the specs added, through the real clients over HTTP from Prism
// (serving the bundled specs): typed data, and a status open to undocumented codes kept as
// `unknown_code`, not `unexpected_response`.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { startMock, type RunningMock } from "../../scripts/mock.js";

let ittybit: RunningMock;
let willittrack: RunningMock;
beforeAll(async () => {
  [ittybit, willittrack] = await Promise.all([startMock("ittybit"), startMock("willittrack")]);
});
afterAll(async () => {
  await Promise.all([ittybit?.stop(), willittrack?.stop()]);
});

describe("Ittybit connections and keys through the client", () => {
  const client = () => createIttybitClient({ apiKey: "ittybit_test", baseUrl: ittybit?.url, retry: false });

  it("creates a connection and gets it back without its secret", async () => {
    const { data, error } = await client().POST("/connections", {
      body: {
        name: "a",
        kind: "s3",
        endpoint: "https://s3.example.com",
        region: "auto",
        access_key_id: "id",
        secret_access_key: "not-a-secret",
      },
      headers: { Prefer: "code=201" },
    });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ object: "storage_connection", kind: "s3" });
    expect(data).not.toHaveProperty("secret_access_key");
    expectTypeOf(data!).not.toHaveProperty("secret_access_key");
  });

  it("keeps a missing connection's 404 as unknown_code: no kind is documented for it", async () => {
    const { error } = await client().GET("/connections/{id}", {
      params: { path: { id: "con_x" } },
      headers: { Prefer: "code=404" },
    });
    expect(error).toMatchObject({ reason: "unknown_code", status: 404, kind: "undocumented" });
  });

  it("keeps a list's 400 as unknown_code, and a key's 401 as its documented kind", async () => {
    const list = await client().GET("/keys", { params: { query: { limit: 10 } }, headers: { Prefer: "code=400" } });
    expect(list.error).toMatchObject({ reason: "unknown_code", status: 400 });
    const revoke = await client().DELETE("/keys/{id}", {
      params: { path: { id: "key_x" } },
      headers: { Prefer: "code=401, example=token_missing" },
    });
    expect(revoke.error).toMatchObject({ reason: "known", status: 401, kind: "token_missing" });
  });
});

describe("WillItTrack's 401 through the client", () => {
  it("keeps an undocumented code (a missing key) as unknown_code, and a documented one as known", async () => {
    const client = createWillItTrackClient({ apiKey: "pg_live_test", baseUrl: willittrack.url, retry: false });
    const missing = await client.GET("/keys", { headers: { Prefer: "code=401, example=WillItTrackError" } });
    expect(missing.error).toMatchObject({ reason: "unknown_code", status: 401, code: "undocumented" });
    const invalid = await client.GET("/keys", { headers: { Prefer: "code=401, example=invalid_api_key" } });
    expect(invalid.error).toMatchObject({ reason: "known", status: 401, code: "invalid_api_key" });
  });
});
