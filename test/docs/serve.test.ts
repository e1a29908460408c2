// The docs:serve command in-process (`serveDocs(argv, io)`), on a throwaway generated/docs/: what
// it prints, the port it takes (--port, PORT, the default) and its errors.
// test/commands/serve.test.ts runs it as a process.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveDocs } from "../../scripts/docs/serve.js";
import { capture } from "../support/io.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command on `root` until it waits to be stopped (its server up, its list printed),
 * calls `whileServing` with the URL it printed, then stops it.
 */
async function serve(root: string, argv: string[], whileServing?: (url: string) => Promise<void>): Promise<Run> {
  const io = capture(root);
  const stopped = async () => {
    const url = /^Docs at (\S+)$/m.exec(io.stdout())?.[1];
    if (url && whileServing) await whileServing(url);
  };
  const code = await serveDocs(argv, { ...io, stopped });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/**
 * Holds `port` (0: a free one) on 127.0.0.1, so that the command finds it taken; a port that
 * something else holds is taken already, and is left to it.
 */
function hold(port = 0): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((ready, fail) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? ready({ port, release: async () => {} }) : fail(error),
    );
    server.listen(port, "127.0.0.1", () =>
      ready({
        port: (server.address() as { port: number }).port,
        release: () => new Promise((closed) => server.close(() => closed())),
      }),
    );
  });
}

const refused = (url: string): Promise<boolean> =>
  fetch(url).then(
    () => false,
    () => true,
  );

const TAKEN =
  "is in use. Stop what listens there, or pick another port: npm run docs:serve -- --port <n> (0 for any free one).";

describe("serveDocs", () => {
  let project: string;
  let unbuilt: string;
  const previousPort = process.env.PORT;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "serve-"));
    const docs = join(project, "generated/docs");
    await mkdir(join(docs, "assets"), { recursive: true });
    for (const file of ["zeta.html", "index.html", "app.js", "alpha.html", "style.css", "notes.html.txt", "mid.html"]) {
      await writeFile(join(docs, file), `<p>${file}</p>`);
    }
    unbuilt = await mkdtemp(join(tmpdir(), "serve-unbuilt-"));
    await mkdir(join(unbuilt, "generated/docs"), { recursive: true });
    await writeFile(join(unbuilt, "generated/docs/ittybit.html"), "<p>a page, but no index</p>");
  });
  // Each test says what PORT is; none leaks it to the next.
  afterEach(() => {
    if (previousPort === undefined) delete process.env.PORT;
    else process.env.PORT = previousPort;
  });

  it("prints the URL of each page but the index, in order, serves them until stopped, then stops", async () => {
    let page = 0;
    const run = await serve(project, ["--port", "0"], async (url) => {
      page = (await fetch(`${url}alpha.html`)).status;
    });
    const url = /^Docs at (\S+)$/m.exec(run.stdout)?.[1] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(run).toEqual({
      code: 0,
      stdout: `Docs at ${url}\n  ${url}alpha.html\n  ${url}mid.html\n  ${url}zeta.html\nCtrl+C stops the server.\n`,
      stderr: "",
    });
    expect(page).toBe(200);
    expect(await refused(url)).toBe(true);
  });

  it.each([
    [["--port", "1x"], undefined, "1x"],
    [["--port", "x1"], undefined, "x1"],
    [["--port", "65536"], undefined, "65536"],
    [["--port", "-1"], undefined, "-1"],
    [["--port"], undefined, ""],
    [[], "1x", "1x"],
    [["--port", "4x"], "0", "4x"],
  ])("exits 2 for %j (PORT=%s), naming the value that is no port", async (argv, port, value) => {
    if (port === undefined) delete process.env.PORT;
    else process.env.PORT = port;
    expect(await serve(project, argv)).toEqual({
      code: 2,
      stdout: "",
      stderr: `Not a port: "${value}". Use --port <0-65535>.\n`,
    });
  });

  it("takes --port over PORT", async () => {
    process.env.PORT = "not a port";
    const run = await serve(project, ["--port", "0"]);
    expect(run.stdout).toMatch(/^Docs at http:\/\/127\.0\.0\.1:\d+\//);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  it.each([["--port"], ["PORT"]])(
    "exits 2 when the port asked for by %s is taken, instead of serving elsewhere",
    async (by) => {
      const held = await hold();
      if (by === "PORT") process.env.PORT = String(held.port);
      else delete process.env.PORT;
      try {
        const argv = by === "--port" ? ["--port", String(held.port)] : [];
        expect(await serve(project, argv)).toEqual({ code: 2, stdout: "", stderr: `Port ${held.port} ${TAKEN}\n` });
      } finally {
        await held.release();
      }
    },
  );

  // 65535 is a port; held here (or by whatever holds it), so the command never serves on it.
  it("takes 65535, the highest port, as a port", async () => {
    const held = await hold(65535);
    try {
      expect(await serve(project, ["--port", "65535"])).toEqual({
        code: 2,
        stdout: "",
        stderr: `Port 65535 ${TAKEN}\n`,
      });
    } finally {
      await held.release();
    }
  });

  it("moves to a free port, and says so, when its default port 4173 is taken", async () => {
    delete process.env.PORT;
    const held = await hold(4173);
    try {
      const run = await serve(project, []);
      const port = /^Docs at http:\/\/127\.0\.0\.1:(\d+)\/$/m.exec(run.stdout)?.[1];
      expect(run.stdout).toMatch(/^Port 4173 is in use; using a free one\.\nDocs at /);
      expect(Number(port)).not.toBe(4173);
      expect([run.code, run.stderr]).toEqual([0, ""]);
    } finally {
      await held.release();
    }
  });

  it("exits 1 and says to generate when generated/docs/ has no index.html", async () => {
    delete process.env.PORT;
    expect(await serve(unbuilt, ["--port", "0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "generated/docs/index.html is missing; run `npm run generate` first.\n",
    });
  });
});
