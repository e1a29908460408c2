// The loopback file server behind `npm run docs:serve` and the browser tests: what it serves,
// and what it refuses to a hostile request (a link out of its folder, another Host).
import { type IncomingHttpHeaders, request } from "node:http";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
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
    // The folder itself does not leave it (the server answers its index.html).
    ["/.", "/srv/docs"],
  ])("%s → %s", (path, file) => expect(fileFor(root, path)).toBe(file));

  it.each([
    ["/", "/a.html", "/a.html"],
    ["/srv/docs/", "/a.html", "/srv/docs/a.html"],
    ["/srv/docs/", "/../docs-x/a.html", undefined],
  ])("takes a root that ends with a separator as it is: %s and %s → %s", (base, path, file) =>
    expect(fileFor(base, path)).toBe(file),
  );
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

/** The policy of an answer that is not a page: every directive but the page's script hashes. */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

describe("contentSecurityPolicy", () => {
  it("loads everything from this server only, runs no plugin, and is never framed", () =>
    expect(contentSecurityPolicy()).toBe(POLICY));

  it.each([
    ["a script file", `<script src="x.js"></script>`, []],
    ["a script file named after other attributes", `<script type="module" src="x.js"></script>`, []],
    ["a script file with spaces around =", `<script src = "x.js"></script>`, []],
    ["a script file on the tag's next line", `<script\nsrc='x.js'></script>`, []],
    ["a script file after a slash", `<script/src="x.js"></script>`, []],
    ["an inline script with a data-src attribute", `<script data-src="x.js">a()</script>`, ["a()"]],
    ["an inline script with an xsrc attribute", `<script xsrc="x.js">a()</script>`, ["a()"]],
    ["an inline script whose code says src=", `<script>load("src=x.js")</script>`, [`load("src=x.js")`]],
    ["the same inline script twice", "<script>a()</script><p>between</p><script>a()</script>", ["a()"]],
    ["an inline script of several lines", "<script>\n  a();\n  b();\n</script>", ["\n  a();\n  b();\n"]],
    ["two inline scripts", "<SCRIPT>a()</SCRIPT><script defer>b()</script>", ["a()", "b()"]],
  ])("hashes the inline scripts of a page with %s, and nothing else", (_, page, scripts) =>
    expect(contentSecurityPolicy(page).split("; ")[1]).toBe(["script-src 'self'", ...scripts.map(sha256)].join(" ")),
  );

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
    await mkdir(join(root, "odd/index.html"), { recursive: true });
    await mkdir(join(base, "private"));
    await mkdir(join(base, "docs-x"));
    await writeFile(join(base, "docs-x/secret.txt"), "SECRET OF A SIBLING");
    await writeFile(join(root, "index.html"), "<p>home</p><script>go()</script>");
    await writeFile(join(root, "app.js"), "export {};");
    await writeFile(join(root, "writes.js"), 'document.write("<script>w()</script>");');
    await writeFile(join(root, "data.bin"), "01");
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
  afterAll(() => server.close());

  interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    body: string;
  }

  /**
   * A request as sent, with a target and a Host header of the test's choosing (fetch would
   * normalise the one and set the other).
   */
  const send = (target: string, { method = "GET", host = new URL(server.url).host } = {}) =>
    new Promise<Answer>((done, fail) => {
      const { hostname, port } = new URL(server.url);
      const req = request({ hostname, port, path: target, method, headers: { host } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body }));
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

  it("reads a script file as code, not as a page whose inline scripts it would allow", async () => {
    const { status, headers } = await send("/writes.js");
    expect([status, headers["content-security-policy"]]).toEqual([200, POLICY]);
  });

  it.each([["evil.example"], ["evil.example:80"], ["127.0.0.1.nip.example"]])(
    "answers a request for Host %s with 421 and no file",
    async (host) => {
      const { status, body } = await send("/", { host });
      expect(status).toBe(421);
      expect(body).toBe("This server answers requests for localhost, 127.0.0.1 and [::1] only.\n");
    },
  );

  it.each([["localhost"], ["127.0.0.1"], ["[::1]"]])("answers a request for Host %s:<port>", async (host) => {
    const { status, body } = await send("/", { host: `${host}:${new URL(server.url).port}` });
    expect([status, body]).toEqual([200, "<p>home</p><script>go()</script>"]);
  });

  it("listens on loopback only", () => expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/));

  it("cannot be reached on the host's other addresses, ::1 and the network's included", async () => {
    // A server of its own, started in the test: Stryker attributes code run by hooks to no test.
    const own = await serveStatic(join(base, "docs"));
    const port = Number(new URL(own.url).port);
    // Link-local addresses need a scope to connect to; the others are enough.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && address.address !== "127.0.0.1" && !address.scopeid)
      .map((address) => address!.address);
    const reached = (host: string) =>
      new Promise<string>((done) => {
        const socket = connect({ host, port });
        const end = (outcome?: string) => {
          socket.destroy();
          done(`${host}: ${outcome}`);
        };
        socket.once("connect", () => end("connected")).once("error", (error: NodeJS.ErrnoException) => end(error.code));
      });
    try {
      expect(others).toContain("::1");
      expect(await Promise.all(others.map(reached))).toEqual(others.map((host) => `${host}: ECONNREFUSED`));
    } finally {
      await own.close();
    }
  });

  it.each([
    ["GET", "", 200, "text/html; charset=utf-8", "<p>home</p><script>go()</script>"],
    ["GET", "app.js", 200, "text/javascript; charset=utf-8", "export {};"],
    ["GET", "data.bin", 200, "application/octet-stream", "01"],
    ["GET", "sub", 200, "text/html; charset=utf-8", "<p>sub</p>"],
    ["GET", "missing.html", 404, "text/plain; charset=utf-8", "Not found\n"],
    // A folder whose index.html is a folder: found, but no file to read.
    ["GET", "odd", 404, "text/plain; charset=utf-8", "Not found\n"],
    ["HEAD", "index.html", 200, "text/html; charset=utf-8", ""],
    ["POST", "index.html", 405, "text/plain; charset=utf-8", "Method not allowed\n"],
  ])("%s /%s → %i", async (method, path, status, type, body) => {
    const response = await fetch(server.url + path, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
    expect(await response.text()).toBe(body);
  });

  const ANSWER_HEADERS = [
    "content-type",
    "content-length",
    "cache-control",
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "allow",
  ] as const;
  const SAFETY = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
  const REFUSAL = { "content-type": "text/plain; charset=utf-8", "content-security-policy": POLICY, ...SAFETY };

  it.each([
    [
      "a file, revalidated on every load",
      200,
      { target: "/app.js" },
      {
        "content-type": "text/javascript; charset=utf-8",
        "content-length": "10",
        "cache-control": "no-cache",
        "content-security-policy": POLICY,
        ...SAFETY,
      },
    ],
    ["a missing file", 404, { target: "/nope" }, REFUSAL],
    ["a request for another host", 421, { target: "/", host: "evil.example" }, REFUSAL],
    [
      "a method other than GET and HEAD, naming the ones allowed",
      405,
      { target: "/", method: "DELETE" },
      { ...REFUSAL, allow: "GET, HEAD" },
    ],
  ])(
    "answers %s with %i and these headers, no others of its own",
    async (_, status, { target, ...options }, headers) => {
      const answer = await send(target, options);
      expect(answer.status).toBe(status);
      expect(
        Object.fromEntries(
          ANSWER_HEADERS.flatMap((name) => (name in answer.headers ? [[name, answer.headers[name]]] : [])),
        ),
      ).toEqual(headers);
    },
  );

  it.each([
    ["//app.js", "export {};"],
    ["//sub/", "<p>sub</p>"],
    ["/app.js?v=2#top", "export {};"],
    // The absolute form, which a proxy sends.
    ["http://localhost/app.js", "export {};"],
  ])("reads the target %s as a path, not a host", async (target, body) =>
    expect(await send(target)).toMatchObject({ status: 200, body }),
  );

  // A target that no URL parser reads is the one failure of an answer a request can cause.
  it("answers 500 with no body, and ends the answer, when it cannot answer", async () => {
    const answer = await send("http://[");
    expect(answer).toMatchObject({ status: 500, headers: SAFETY, body: "" });
    expect(answer.headers["content-security-policy"]).toBeUndefined();
  });
});
