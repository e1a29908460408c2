// The loopback file server behind `npm run docs:serve` and the browser tests.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileFor, serveStatic, type StaticServer } from "../../scripts/docs/static-server.js";

describe("fileFor", () => {
  const root = "/srv/docs";
  it.each([
    ["/", "/srv/docs/index.html"],
    ["/ittybit.html", "/srv/docs/ittybit.html"],
    ["/sub/", "/srv/docs/sub/index.html"],
    ["/a%20b.html", "/srv/docs/a b.html"],
    ["/../secret", undefined],
    ["/%2e%2e/secret", undefined],
    ["/..%2fsecret", undefined],
    ["/%00", undefined],
    ["/%E0%A4%A", undefined],
  ])("%s → %s", (path, file) => expect(fileFor(root, path)).toBe(file));
});

describe("serveStatic", () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), "static-"));
    await mkdir(join(root, "sub"));
    await writeFile(join(root, "index.html"), "<p>home</p>");
    await writeFile(join(root, "app.js"), "export {};");
    await writeFile(join(root, "sub/index.html"), "<p>sub</p>");
    server = await serveStatic(root);
  });
  afterAll(() => server.close());

  it("listens on loopback only", () => expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/));

  it.each([
    ["GET", "", 200, "text/html; charset=utf-8", "<p>home</p>"],
    ["GET", "app.js", 200, "text/javascript; charset=utf-8", "export {};"],
    ["GET", "sub", 200, "text/html; charset=utf-8", "<p>sub</p>"],
    ["GET", "missing.html", 404, "text/plain; charset=utf-8", "Not found\n"],
    ["HEAD", "index.html", 200, "text/html; charset=utf-8", ""],
    ["POST", "index.html", 405, null, ""],
  ])("%s /%s → %i", async (method, path, status, type, body) => {
    const response = await fetch(server.url + path, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
    expect(await response.text()).toBe(body);
  });
});
