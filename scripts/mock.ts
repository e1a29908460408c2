// `npm run mock -- <api>`: a Prism mock of one API's bundled spec on a free loopback port, to
// develop against every documented error. Pick one with the Prefer header, e.g.
// `Prefer: code=404, example=task_not_found` (every error response has one example per code).
// The tests import `startMock` to run the same server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./root.js";

export interface RunningMock {
  readonly url: string;
  readonly process: ChildProcess;
  /** Stops this Prism process (and only it). */
  stop(): Promise<void>;
}

/** The APIs with a bundled spec under generated/. */
export function mockableApis(): string[] {
  const dir = resolve(ROOT, "generated");
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

/** Starts Prism on the API's bundled spec and resolves once it listens (start-up takes a few seconds). */
export async function startMock(api: string, { timeoutMs = 60_000 } = {}): Promise<RunningMock> {
  const spec = resolve(ROOT, "generated", api, "openapi.yaml");
  if (!existsSync(spec))
    throw new Error(
      `No bundled spec for "${api}" at ${spec}. ` +
        `Known APIs: ${mockableApis().join(", ")}. Run \`npm run generate\` first.`,
    );
  const port = await freePort();
  // Resolved like an import, so it works wherever the packages are installed.
  const prism = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const child = spawn(process.execPath, [prism, "mock", spec, "-h", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
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

async function main(): Promise<void> {
  const api = process.argv[2];
  const apis = mockableApis();
  if (!api || !apis.includes(api)) {
    console.error(`Usage: npm run mock -- <api>   (one of: ${apis.join(", ")})`);
    process.exit(2);
  }
  const mock = await startMock(api);
  console.log(`${api} mock listening on ${mock.url}`);
  console.log(
    "Pick an error with the Prefer header, e.g.: " +
      `curl -H 'Authorization: Bearer test' -H 'Prefer: code=429' ${mock.url}/...`,
  );
  console.log("Press Ctrl+C to stop.");
  mock.process.stdout?.pipe(process.stdout);
  const shutdown = (): void => void mock.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  mock.process.once("exit", (code) => process.exit(code ?? 0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
