// `npm run docs:serve` and `npm run mock` as a user runs them: start, read the printed URL,
// make one request, stop (the whole process group); and in-process, their options and a
// clear error for bad input.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDocs } from "../../scripts/docs/serve.js";
import { mock } from "../../scripts/mock/cli.js";
import { API_NAMES } from "../support/contracts.js";
import { type Captured, capture } from "../support/io.js";
import { npmStart, repoRoot } from "./project.js";

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

// The process-level tests are skipped under Stryker: a mutant is switched inside the test process,
// never in a command it starts, so they would only slow each run (and start Prism).
const asProcess = !process.env.STRYKER_MUTATOR_WORKER;

describe.runIf(asProcess)("npm run docs:serve", () => {
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
});

/** docs:serve in-process until `stop` is called; what it printed and its exit code. */
async function serveInProcess(argv: string[], whileServing: (io: Captured) => Promise<void> = async () => {}) {
  let stop: () => void = () => {};
  const io = capture(repoRoot, new Promise<void>((resolve) => (stop = resolve)));
  const serving = serveDocs(argv, io);
  const done = await Promise.race([serving.then(() => true), until(() => /Ctrl\+C stops/.test(io.text()))]);
  if (done !== true) await whileServing(io);
  stop();
  return { code: await serving, stdout: io.stdout(), stderr: io.stderr() };
}

async function until(check: () => boolean): Promise<false> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
  return false;
}

describe("docs:serve's options", () => {
  describe("on a port that is taken", () => {
    let held: { port: number; server: Server };
    beforeAll(async () => (held = await holdPort()));
    afterAll(() => new Promise((closed) => held.server.close(closed)));

    it("says so and exits 2 instead of serving elsewhere", async () => {
      const run = await serveInProcess(["--port", String(held.port)]);
      expect(run.stderr).toContain(`Port ${held.port} is in use.`);
      expect(run.stdout).not.toMatch(/Docs at/);
      expect(run.code).toBe(2);
    });

    it("moves to a free port when the port is its default, not one asked for", async () => {
      const previous = process.env.PORT;
      delete process.env.PORT;
      try {
        // The default port may be free or held by another run: either way it serves.
        const run = await serveInProcess([]);
        expect(run.stdout).toMatch(/^Docs at http:\/\/127\.0\.0\.1:\d+\/$/m);
        expect(run.code).toBe(0);
      } finally {
        if (previous !== undefined) process.env.PORT = previous;
      }
    });
  });

  it("serves on the port PORT names when no --port is given", async () => {
    const port = await freePort();
    const previous = process.env.PORT;
    process.env.PORT = String(port);
    try {
      const run = await serveInProcess([], async () => {
        expect((await fetch(`http://127.0.0.1:${port}/index.html`)).status).toBe(200);
      });
      expect(run.stdout).toContain(`Docs at http://127.0.0.1:${port}/`);
      expect(run.code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.PORT;
      else process.env.PORT = previous;
    }
  });

  it.each([["abc"], [""], ["70000"]])("rejects --port %j with exit 2", async (value) => {
    const run = await serveInProcess(value === "" ? ["--port"] : ["--port", value]);
    expect(run.stderr).toContain(`Not a port: "${value}"`);
    expect(run.code).toBe(2);
  });
});

describe("npm run mock", () => {
  it.runIf(asProcess)(
    "starts Prism on the API's bundled spec, answers a documented error, and stops with its server",
    async () => {
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
    },
    120_000,
  );

  it("lists the APIs and exits 2 for an unknown one", async () => {
    const io = capture(repoRoot);
    expect(await mock(["nope"], io)).toBe(2);
    expect(io.stderr()).toBe(`Usage: npm run mock -- <api>   (one of: ${API_NAMES.join(", ")})\n`);
  });
});
