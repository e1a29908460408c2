// `npm run docs:serve` and `npm run mock` as a user runs them: start, read the printed URL,
// make one request, stop (the whole process group), and a clear error for bad input.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmRun, npmStart, repoRoot } from "./project.js";

/** A loopback port held open by this test, so a command asked to use it finds it taken. */
function holdPort(): Promise<{ port: number; server: Server }> {
  return new Promise((ready, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ready({ port: (server.address() as { port: number }).port, server }));
  });
}

async function freePort(): Promise<number> {
  const { port, server } = await holdPort();
  await new Promise((closed) => server.close(closed));
  return port;
}

const refused = (url: string): Promise<boolean> =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe("npm run docs:serve", () => {
  it("serves generated/docs/ on the port asked for, listing each page, until stopped", async () => {
    const port = await freePort();
    const serve = npmStart(repoRoot, "docs:serve", ["--port", String(port)]);
    try {
      const [, url] = await serve.waitFor(/^Docs at (http:\/\/127\.0\.0\.1:\d+\/)$/m);
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      await serve.waitFor(/Ctrl\+C stops the server/);
      expect(serve.output()).toContain(`  ${url}ittybit.html`);
      const page = await fetch(`${url}ittybit.html`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
      expect(await page.text()).toContain("redoc.standalone.js");
    } finally {
      await serve.stop();
    }
    expect(await refused(`http://127.0.0.1:${port}/`)).toBe(true);
  }, 60_000);

  describe("on a port that is taken", () => {
    let held: { port: number; server: Server };
    beforeAll(async () => (held = await holdPort()));
    afterAll(() => new Promise((closed) => held.server.close(closed)));

    it("says so and exits 2 instead of serving elsewhere", async () => {
      const run = await npmRun(repoRoot, "docs:serve", ["--port", String(held.port)], 30_000);
      expect(run.stderr).toContain(`Port ${held.port} is in use.`);
      expect(run.stdout).not.toMatch(/Docs at/);
      expect(run.code).toBe(2);
    }, 60_000);
  });

  it.each([["abc"], [""]])(
    "rejects --port %j with exit 2",
    async (value) => {
      const run = await npmRun(repoRoot, "docs:serve", value === "" ? ["--port"] : ["--port", value]);
      expect(run.stderr).toContain(`Not a port: "${value}"`);
      expect(run.code).toBe(2);
    },
    60_000,
  );
});

describe("npm run mock", () => {
  it("starts Prism on the API's bundled spec, answers a documented error, and stops with its server", async () => {
    const mock = npmStart(repoRoot, "mock", ["ittybit"]);
    let url = "";
    try {
      [, url = ""] = await mock.waitFor(/^ittybit mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m, 90_000);
      const headers = { Authorization: "Bearer test", Prefer: "code=404, example=task_not_found" };
      const response = await fetch(`${url}/tasks/task_1`, { headers });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ kind: "task_not_found" });
    } finally {
      await mock.stop();
    }
    expect(await refused(url)).toBe(true);
  }, 120_000);

  it("lists the APIs and exits 2 for an unknown one", async () => {
    const run = await npmRun(repoRoot, "mock", ["nope"]);
    expect(run.stderr).toContain("Usage: npm run mock -- <api>   (one of: ittybit, willittrack)");
    expect(run.code).toBe(2);
  }, 60_000);
});
