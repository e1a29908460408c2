// The Prism launcher behind `npm run mock` (scripts/mock/prism.ts), in-process with a stand-in
// for Prism's process: which APIs it offers, the command line it starts Prism with, when it calls Prism ready,
// and how it stops it. test/kit/prism.test.ts and test/commands/serve.test.ts start the real Prism.
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freePort, mockableApis, type SpawnPrism, startMock } from "../../scripts/mock/prism.js";
import { API_NAMES } from "../support/contracts.js";

/** Given to startMock in place of node's spawn (not vi.mock: the suite's files share their modules). */
const spawn = vi.fn<SpawnPrism>();

/** Stands in for Prism's process: what it prints and when it ends are the test's to say. */
class FakePrism extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly signals: (NodeJS.Signals | number | undefined)[] = [];
  kill(signal?: NodeJS.Signals | number): boolean {
    this.signals.push(signal);
    this.end(null, typeof signal === "string" ? signal : "SIGTERM");
    return true;
  }
  end(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit("exit", code, signal);
  }
}

let root: string;
/** Short enough that a start which never sees Prism ready fails the test fast; the fake answers at once. */
let quick: { root: string; timeoutMs: number; spawn: typeof spawn };
let prism: FakePrism;
/** What the fake Prism does once started; by default it says it listens, as Prism does. */
let onStart: (child: FakePrism) => void;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "mock-"));
  quick = { root, timeoutMs: 2000, spawn };
  for (const api of ["mid", "alpha", "zeta", "beta"]) {
    await mkdir(join(root, "generated", api), { recursive: true });
    await writeFile(join(root, "generated", api, "openapi.yaml"), "openapi: 3.1.0\n");
  }
  // A folder with no bundled spec (docs/), a file, and a link to an API's folder are no APIs.
  await mkdir(join(root, "generated", "docs"));
  await writeFile(join(root, "generated", "apis.ts"), "");
  await symlink(join(root, "generated", "alpha"), join(root, "generated", "linked"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

beforeEach(() => {
  onStart = (child) => setImmediate(() => child.stdout.write("[CLI] ...  info      Prism is listening on http://x\n"));
  spawn.mockImplementation((() => {
    prism = new FakePrism();
    onStart(prism);
    return prism;
  }) as unknown as SpawnPrism);
});
afterEach(() => {
  spawn.mockReset();
  vi.useRealTimers();
});

describe("mockableApis", () => {
  it("lists the folders of generated/ that hold a bundled spec, sorted", () => {
    expect(mockableApis(root)).toEqual(["alpha", "beta", "mid", "zeta"]);
  });

  it("reads this repository's generated/ by default", () => {
    expect(mockableApis()).toEqual([...API_NAMES].sort());
  });
});

describe("freePort", () => {
  it("gives a loopback port that can be listened on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((listening, fail) => server.once("error", fail).listen(port, "127.0.0.1", listening));
    await new Promise((closed) => server.close(closed));
  });
});

describe("startMock", () => {
  it("refuses an API with no bundled spec, naming the known ones, without starting Prism", async () => {
    const spec = resolve(root, "generated", "nope", "openapi.yaml");
    await expect(startMock("nope", { root, spawn })).rejects.toThrow(
      `No bundled spec for "nope" at ${spec}. Known APIs: alpha, beta, mid, zeta. Run \`npm run generate\` first.`,
    );
    expect(spawn).not.toHaveBeenCalled();
  });

  it("starts Prism's CLI with this Node on the API's spec, on loopback at a free port, in the project", async () => {
    const mock = await startMock("mid", quick);
    const [node, args, options] = spawn.mock.calls[0] as unknown as [string, string[], object];
    const cli = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
    const port = args.at(-1);
    expect(node).toBe(process.execPath);
    expect(args).toEqual([cli, "mock", resolve(root, "generated/mid/openapi.yaml"), "-h", "127.0.0.1", "-p", port]);
    expect(options).toEqual({ cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    expect(port).toMatch(/^[1-9]\d*$/);
    expect(mock.url).toBe(`http://127.0.0.1:${port}`);
    expect(mock.process).toBe(prism);
    await mock.stop();
  });

  // Prism logs to either stream depending on its version, and a line can come in pieces.
  it.each([
    ["on stdout", (child: FakePrism) => child.stdout.write("Prism is listening on http://127.0.0.1:1\n")],
    ["on stderr", (child: FakePrism) => child.stderr.write("Prism is listening on http://127.0.0.1:1\n")],
    [
      "in two pieces",
      (child: FakePrism) => {
        child.stdout.write("Prism is list");
        setImmediate(() => child.stdout.write("ening on http://127.0.0.1:1\n"));
      },
    ],
  ])("is ready once Prism says it is listening %s", async (_, says) => {
    onStart = (child) => setImmediate(() => says(child));
    const mock = await startMock("alpha", quick);
    expect(prism.signals).toEqual([]);
    await mock.stop();
  });

  it("fails with Prism's output when Prism exits before it listens", async () => {
    onStart = (child) =>
      setImmediate(() => {
        child.stderr.write("Error: the spec is broken\n");
        setImmediate(() => child.end(3));
      });
    await expect(startMock("alpha", quick)).rejects.toThrow(
      "Prism exited with code 3 before it was ready:\nError: the spec is broken\n",
    );
    expect(prism.signals).toEqual([]);
  });

  it("stops Prism and fails with its output when it does not listen in time", async () => {
    onStart = (child) => setImmediate(() => child.stdout.write("starting\n"));
    await expect(startMock("alpha", { root, timeoutMs: 50, spawn })).rejects.toThrow(
      "Prism did not start within 50 ms:\nstarting\n",
    );
    expect(prism.signals).toEqual(["SIGTERM"]);
  });

  it("waits a minute for Prism by default", async () => {
    onStart = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const failed = expect(startMock("alpha", { root, spawn })).rejects.toThrow("Prism did not start within 60000 ms");
    // The timer is set as Prism is spawned, after the free port is found.
    while (spawn.mock.calls.length === 0) await new Promise(setImmediate);
    vi.advanceTimersByTime(59_999);
    expect(prism.signals).toEqual([]);
    vi.advanceTimersByTime(1);
    await failed;
  });

  // A timer left running would fail a settled start a minute later, and hold the process open.
  // Its own timer, told by what it does (other modules of the worker may set timers meanwhile),
  // is cleared once the start settles, before anything else ends Prism.
  it.each([
    ["it is ready", (child: FakePrism) => child.stdout.write("Prism is listening\n")],
    ["it exits first", (child: FakePrism) => child.end(1)],
  ])("leaves no timer running once %s", async (_, then) => {
    onStart = (child) => setImmediate(() => then(child));
    const set = vi.spyOn(globalThis, "setTimeout");
    const cleared = vi.spyOn(globalThis, "clearTimeout");
    try {
      const mock = await startMock("alpha", quick).catch(() => undefined);
      const startTimers = set.mock.results.filter((_, i) => String(set.mock.calls[i]![0]).includes("did not start"));
      expect(startTimers).toHaveLength(1);
      expect(cleared.mock.calls.map(([timer]) => timer)).toContain(startTimers[0]!.value);
      await mock?.stop();
    } finally {
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  describe("stop()", () => {
    it("ends Prism with SIGTERM and resolves once it has exited", async () => {
      const mock = await startMock("alpha", quick);
      let exited = false;
      prism.kill = (signal) => {
        prism.signals.push(signal);
        setImmediate(() => {
          exited = true;
          prism.end(null, "SIGTERM");
        });
        return true;
      };
      await mock.stop();
      expect(prism.signals).toEqual(["SIGTERM"]);
      expect(exited).toBe(true);
    });

    it.each([
      ["exited", (child: FakePrism) => child.end(0)],
      ["been killed", (child: FakePrism) => child.end(null, "SIGKILL")],
    ])("does nothing when Prism has already %s", async (_, ended) => {
      const mock = await startMock("alpha", quick);
      ended(prism);
      await mock.stop();
      expect(prism.signals).toEqual([]);
    });
  });

  it("kills Prism if this process exits first, and stops watching once Prism has ended", async () => {
    const before = process.listeners("exit");
    const mock = await startMock("alpha", quick);
    const added = process.listeners("exit").filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    // Called directly: emitting "exit" would reach vitest's own listeners.
    (added[0] as () => void)();
    expect(prism.signals).toEqual([undefined]);
    expect(process.listeners("exit")).toEqual(before);
    await mock.stop();
  });
});
