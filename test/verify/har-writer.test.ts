// The HAR that `npm run verify -- --proxy … --har out.har` writes, in-process: what each entry
// keeps of an exchange (HAR 1.2's fields, so that other tools import it), which credentials it
// redacts, and the file's life: appended in order, put in place on close, gone on discard.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Exchange, HarWriter, harEntry, redactUrl, scrubbed } from "../../scripts/verify/har-writer.js";
import { readHar } from "../../scripts/verify/har.js";

const SECRET = "wit_live_4f9c2a7e1b8d6035";

const exchange = (extra: Partial<Exchange> = {}): Exchange => ({
  started: new Date("2026-12-06T10:00:00.000Z"),
  ms: 12.6,
  method: "GET",
  url: "http://127.0.0.1:9/v1/checks/a",
  requestHeaders: [["Accept", "application/json"]],
  status: 404,
  statusText: "Not Found",
  responseHeaders: [["Content-Type", "application/json"]],
  mimeType: "application/json",
  size: 42,
  ...extra,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "har-writer-"));
});

describe("redactUrl", () => {
  it.each([
    ["http://x/v1/checks", "http://x/v1/checks"],
    ["http://x/v1/checks?limit=5", "http://x/v1/checks?limit=5"],
    ["http://x/v1/checks?key=", "http://x/v1/checks?key="],
    [`http://x/v1/checks?api_key=${SECRET}`, "http://x/v1/checks?api_key=[redacted]"],
    [`http://x/v1/checks?limit=5&access_token=${SECRET}#top`, "http://x/v1/checks?limit=5&access_token=[redacted]#top"],
    ["http://x/v1/checks?token=a%2Bb&flag&limit=a%2Bb", "http://x/v1/checks?token=[redacted]&flag&limit=[redacted]"],
    ["http://x/v1/checks?token=s#", "http://x/v1/checks?token=[redacted]#"],
    // The value again under no name at all.
    ["http://x/v1/checks?token=s3cr3t&=s3cr3t", "http://x/v1/checks?token=[redacted]&=[redacted]"],
  ])("%s → %s", (url, redacted) => expect(redactUrl(url)).toBe(redacted));
});

describe("scrubbed", () => {
  it("removes every echo of the request's credentials from the response's headers and kept body", () => {
    const seen = exchange({
      url: "http://x/v1/keys?limit=5&api_key=q_secret_value",
      requestHeaders: [
        ["Authorization", `Bearer ${SECRET}`],
        ["X-Custom", "kept"],
      ],
      responseHeaders: [
        ["X-Echo", `key ${SECRET.toUpperCase()} and q_secret_value`],
        ["X-Request-Id", "req_1"],
      ],
      text: `{"error":{"message":"Key ${SECRET} is not valid."}}`,
    });
    expect(scrubbed(seen)).toEqual({
      ...seen,
      responseHeaders: [
        ["X-Echo", "key [redacted] and [redacted]"],
        ["X-Request-Id", "req_1"],
      ],
      text: '{"error":{"message":"Key [redacted] is not valid."}}',
    });
  });

  it.each([
    ["no credential and no query", exchange({ text: "{}" })],
    ["a query with no credential in it", exchange({ url: "http://x/v1/checks?limit=5", text: "limit=5" })],
    ["a credential and no body kept", exchange({ requestHeaders: [["Authorization", `Bearer ${SECRET}`]] })],
  ])("leaves an exchange with %s as it is", (_, seen) => {
    const result = scrubbed(seen);
    expect(result).toEqual(seen);
    expect("text" in result).toBe("text" in seen);
  });
});

describe("harEntry", () => {
  it("keeps every field HAR 1.2 requires, an error's body, and redacts the credential headers", () => {
    const seen = exchange({
      method: "POST",
      url: `http://x/v1/checks?api_key=${SECRET}`,
      requestHeaders: [
        ["Authorization", `Bearer ${SECRET}`],
        ["Accept", "application/json"],
      ],
      responseHeaders: [
        ["Set-Cookie", "session=abc"],
        ["Content-Type", "application/json"],
      ],
      text: '{"error":{}}',
    });
    expect(harEntry(seen)).toEqual({
      startedDateTime: "2026-12-06T10:00:00.000Z",
      time: 13,
      request: {
        method: "POST",
        url: "http://x/v1/checks?api_key=[redacted]",
        httpVersion: "HTTP/1.1",
        headers: [
          { name: "Authorization", value: "[redacted]" },
          { name: "Accept", value: "application/json" },
        ],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status: 404,
        statusText: "Not Found",
        httpVersion: "HTTP/1.1",
        headers: [
          { name: "Set-Cookie", value: "[redacted]" },
          { name: "Content-Type", value: "application/json" },
        ],
        cookies: [],
        content: { size: 42, mimeType: "application/json", text: '{"error":{}}' },
        redirectURL: "",
        headersSize: -1,
        bodySize: 42,
      },
      cache: {},
      timings: { send: 0, wait: 13, receive: 0 },
    });
  });

  it("says a body was not recorded when none was kept (a success's)", () => {
    const entry = harEntry(exchange({ status: 200, size: 7 })) as { response: { content: object } };
    expect(entry.response.content).toEqual({
      size: 7,
      mimeType: "application/json",
      comment: "not recorded: only error bodies are kept",
    });
  });
});

describe("HarWriter", () => {
  it("writes the entries in the order added, and puts the file in place only on close", async () => {
    const file = join(dir, "session.har");
    const writer = await HarWriter.open(file);
    // Not awaited one by one: the proxy adds an entry per exchange as each ends.
    const added = [1, 2, 3].map((n) => writer.add(exchange({ url: `http://x/v1/checks/${n}`, status: 400 + n })));
    await Promise.all(added);
    expect(await readdir(dir)).toEqual([`session.har.${process.pid}.partial`]);
    expect(await writer.close()).toBe(3);
    expect(await readdir(dir)).toEqual(["session.har"]);
    const har = JSON.parse(await readFile(file, "utf8")) as { log: { version: string; creator: object } };
    expect(har.log).toMatchObject({
      version: "1.2",
      creator: { name: "api-error-contracts verify --proxy", version: "1" },
    });
    const read = [...(await readHar(file))];
    expect(read.map((e) => [e.index, e.url, e.status])).toEqual([
      [0, "http://x/v1/checks/1", 401],
      [1, "http://x/v1/checks/2", 402],
      [2, "http://x/v1/checks/3", 403],
    ]);
  });

  it("writes a HAR with no entries for a session with no traffic", async () => {
    const file = join(dir, "empty.har");
    const writer = await HarWriter.open(file);
    expect(await writer.close()).toBe(0);
    expect((await readHar(file)).count).toBe(0);
  });

  it("refuses a folder where the file goes on open, as a file in a missing folder is, and writes nothing", async () => {
    // Before, only the rename on close failed: after the whole session, leaving the partial file behind.
    const folder = await mkdtemp(join(dir, "folder-"));
    const refused = { code: "EISDIR", message: `EISDIR: illegal operation on a directory, open '${folder}'` };
    await expect(HarWriter.open(folder)).rejects.toMatchObject(refused);
    await expect(HarWriter.open(join(folder, "none", "x.har"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/\.partial$/));
  });

  it("leaves nothing behind when discarded (a proxy that could not start)", async () => {
    const folder = await mkdtemp(join(dir, "discard-"));
    const writer = await HarWriter.open(join(folder, "never.har"));
    await writer.add(exchange());
    await writer.discard();
    expect(await readdir(folder)).toEqual([]);
  });
});
