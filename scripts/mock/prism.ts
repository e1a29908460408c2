// A Prism mock of one API's bundled spec on a free loopback port, to develop against every
// documented error (`npm run mock`, mock/cli.ts); the tests start the same server.
import {
  type ChildProcess,
  type ChildProcessByStdio,
  spawn,
  type SpawnOptionsWithStdioTuple,
  type StdioNull,
  type StdioPipe,
} from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { ROOT } from "../root.js";

export interface RunningMock {
  readonly url: string;
  readonly process: ChildProcess;
  /** Stops this Prism process (and only it). */
  stop(): Promise<void>;
}

/** The APIs with a bundled spec under generated/. */
export function mockableApis(root = ROOT): string[] {
  const dir = resolve(root, "generated");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(resolve(dir, e.name, "openapi.yaml")))
    .map((e) => e.name)
    .sort();
}

/** A port nothing listens on right now, from the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("No port")),
      );
    });
  });
}

export interface MockOptions {
  /** The project whose generated/ holds the spec; this one by default. */
  readonly root?: string;
  /** How long Prism may take to say it listens. */
  readonly timeoutMs?: number;
  /** Starts the process; a test passes a stand-in for Prism. */
  readonly spawn?: SpawnPrism;
}

/** How Prism's process is started: node's spawn, or a test's stand-in. */
export type SpawnPrism = (
  command: string,
  args: readonly string[],
  options: SpawnOptionsWithStdioTuple<StdioNull, StdioPipe, StdioPipe>,
) => ChildProcessByStdio<null, Readable, Readable>;

/** Starts Prism on the API's bundled spec and resolves once it listens (start-up takes a few seconds). */
export async function startMock(
  api: string,
  { root = ROOT, timeoutMs = 60_000, spawn: start = spawn }: MockOptions = {},
): Promise<RunningMock> {
  const spec = resolve(root, "generated", api, "openapi.yaml");
  if (!existsSync(spec))
    throw new Error(
      `No bundled spec for "${api}" at ${spec}. ` +
        `Known APIs: ${mockableApis(root).join(", ")}. Run \`npm run generate\` first.`,
    );
  const port = await freePort();
  // Resolved like an import, so it works wherever the packages are installed.
  const prism = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const child = start(process.execPath, [prism, "mock", spec, "-h", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave Prism behind when this process ends without calling stop().
  const killOnExit = (): void => void child.kill();
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", () => done());
      child.kill("SIGTERM");
    });
  let output = "";
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`Prism exited with code ${code} before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  // Keep draining Prism's request log so its pipe never fills up.
  child.stdout.resume();
  child.stderr.resume();
  return { url: `http://127.0.0.1:${port}`, process: child, stop };
}
