// The loopback file server behind `npm run docs:serve` and the browser tests: what it serves,
// and what it refuses to a hostile request (a link out of its folder, another Host).
import { request } from "node:http";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../scripts/docs/html.js";
import {
  contentSecurityPolicy,
  fileFor,
  isLoopbackRequest,
  serveStatic,
  type StaticServer,
} from "../../scripts/docs/static-server.js";

describe("fileFor", () => {
  const root = "/srv/docs";
  it.each([
    ["/", "/srv/docs/index.html"],
    ["/ittybit.html", "/srv/docs/ittybit.html"],
    ["/sub/", "/srv/docs/sub/index.html"],
    ["/a%20b.html", "/srv/docs/a b.html"],
    ["/../secret", undefined],
    // A sibling folder whose name starts with the root's: inside by its prefix, outside by its path.
    ["/../docs-x/index.html", undefined],
    ["/%2e%2e/secret", undefined],
    ["/..%2fsecret", undefined],
    ["/%00", undefined],
    ["/%E0%A4%A", undefined],
  ])("%s → %s", (path, file) => expect(fileFor(root, path)).toBe(file));
});

describe("isLoopbackRequest", () => {
  it.each([
    ["127.0.0.1:4173", true],
    ["localhost:4173", true],
    ["LOCALHOST", true],
    ["docs.localhost:80", true],
    ["[::1]:4173", true],
    ["127.1.2.3", true],
    ["evil.example:4173", false],
    ["127.0.0.1.evil.example", false],
    ["evil.example@127.0.0.1", false],
    ["127.0.0.1/evil", false],
    ["127.0.0.1:99999", false],
    ["localhost.", false],
    ["[::ffff:7f00:1]", false],
    ["", false],
    [undefined, false],
  ])("Host %j → %s", (host, loopback) => expect(isLoopbackRequest(host)).toBe(loopback));
});

describe("contentSecurityPolicy", () => {
  it("allows the page's own inline scripts by hash, and no other", () => {
    const page = `<script>a()</script><script type="module">b()</script><script src="x.js"></script>`;
    const policy = contentSecurityPolicy(page);
    expect(policy).toContain(`; script-src 'self' ${sha256("a()")} ${sha256("b()")};`);
    expect(contentSecurityPolicy()).toMatch(/^default-src 'self'; script-src 'self'; /);
    expect(policy).toContain("frame-ancestors 'none'");
  });
});

describe("serveStatic", () => {
  let server: StaticServer;
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "static-"));
    const root = join(base, "docs");
    await mkdir(join(root, "sub"), { recursive: true });
    await mkdir(join(base, "private"));
    await mkdir(join(base, "docs-x"));
    await writeFile(join(base, "docs-x/secret.txt"), "SECRET OF A SIBLING");
    await writeFile(join(root, "index.html"), "<p>home</p><script>go()</script>");
    await writeFile(join(root, "app.js"), "export {};");
    await writeFile(join(root, "sub/index.html"), "<p>sub</p>");
    await writeFile(join(base, "private/secret.txt"), "SECRET");
    await writeFile(join(base, "private/index.html"), "SECRET PAGE");
    // Links out of the folder, as a checkout, a build step or an attacker could leave them.
    await symlink(join(base, "private/secret.txt"), join(root, "secret.txt"));
    await symlink(join(base, "private"), join(root, "private"));
    await symlink(join(base, "docs-x/secret.txt"), join(root, "sibling.txt"));
    await symlink(join(root, "app.js"), join(root, "alias.js"));
    server = await serveStatic(root);
  });

  /** A GET with a Host header of the test's choosing (fetch would set its own). */
  const get = (path: string, host: string) =>
    new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => done({ status: res.statusCode!, body }));
      });
      req.on("error", fail).end();
    });

  it.each([["secret.txt"], ["private/secret.txt"], ["private/"], ["private"], ["sibling.txt"]])(
    "answers 404 for /%s, a link out of its folder",
    async (path) => {
      const response = await fetch(server.url + path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("SECRET");
    },
  );

  it("serves a link that stays inside its folder", async () => {
    expect(await (await fetch(`${server.url}alias.js`)).text()).toBe("export {};");
  });

  it.each([
    ["", 200],
    ["secret.txt", 404],
    ["nope", 404],
  ])("sends nosniff and a content security policy with /%s (%i)", async (path, status) => {
    const response = await fetch(server.url + path);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self'/);
  });

  it("allows the served page's own inline script", async () => {
    const policy = (await fetch(server.url)).headers.get("content-security-policy");
    expect(policy).toContain(`script-src 'self' ${sha256("go()")};`);
  });

  it.each([["evil.example"], ["evil.example:80"], ["127.0.0.1.nip.example"]])(
    "answers a request for Host %s with 421 and no file",
    async (host) => {
      const { status, body } = await get("", host);
      expect(status).toBe(421);
      expect(body).toBe("This server answers requests for localhost, 127.0.0.1 and [::1] only.\n");
    },
  );

  it.each([["localhost"], ["127.0.0.1"], ["[::1]"]])("answers a request for Host %s:<port>", async (host) => {
    const { status, body } = await get("", `${host}:${new URL(server.url).port}`);
    expect([status, body]).toEqual([200, "<p>home</p><script>go()</script>"]);
  });
  afterAll(() => server.close());

  it("listens on loopback only", () => expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/));

  it.each([
    ["GET", "", 200, "text/html; charset=utf-8", "<p>home</p><script>go()</script>"],
    ["GET", "app.js", 200, "text/javascript; charset=utf-8", "export {};"],
    ["GET", "sub", 200, "text/html; charset=utf-8", "<p>sub</p>"],
    ["GET", "missing.html", 404, "text/plain; charset=utf-8", "Not found\n"],
    ["HEAD", "index.html", 200, "text/html; charset=utf-8", ""],
    ["POST", "index.html", 405, "text/plain; charset=utf-8", "Method not allowed\n"],
  ])("%s /%s → %i", async (method, path, status, type, body) => {
    const response = await fetch(server.url + path, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
    expect(await response.text()).toBe(body);
  });
});
