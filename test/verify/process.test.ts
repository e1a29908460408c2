// `npm run verify` as a process: npm, the launcher and the exit code of a run that finds a
// violation, and the checking proxy stopped by Ctrl-C (every other case runs in-process).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { npmRun, repoRoot } from "../commands/project.js";

describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run verify as a process", () => {
  it("prints the table and exits 1 for a response that breaks the contract", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "verify-")), "teapot.har");
    const entry = {
      request: { method: "GET", url: "https://api.willittrack.com/v1/checks/abc", headers: [] },
      response: { status: 418, headers: [], content: { size: 0, mimeType: "text/plain", text: "" } },
    };
    await writeFile(
      file,
      JSON.stringify({ log: { version: "1.2", creator: { name: "t", version: "1" }, entries: [entry] } }),
    );
    const run = await npmRun(repoRoot, "verify", [file]);
    expect(run.stderr).toMatch(/^read .*teapot\.har: 1 entries$/m);
    expect(run.stdout).toMatch(/^ {2}#0 willittrack GET \/checks\/\{slug\} 418 {2}status-undeclared: /m);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run verify -- --proxy as a process", () => {
  it("checks live traffic until Ctrl-C, then prints the summary and exits 1 for a violation", async () => {
    const upstream = createServer((_req, res) => res.writeHead(418, { "X-Request-Id": "req_tea" }).end("tea"));
    upstream.listen(0, "127.0.0.1");
    await once(upstream, "listening");
    const { port } = upstream.address() as AddressInfo;
    const launcher = join(repoRoot, "scripts/launch.mjs");
    const args = [launcher, "scripts/verify.ts", "--proxy", `http://127.0.0.1:${port}/v1`, "--api", "willittrack"];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, "close");
    try {
      while (!/^proxy {6}(\S+)/m.test(output)) await new Promise((next) => setTimeout(next, 20));
      const proxy = /^proxy {6}(\S+)/m.exec(output)![1]!;
      expect((await fetch(`${proxy}/checks/abc`)).status).toBe(418);
      while (!/^violation /m.test(output)) await new Promise((next) => setTimeout(next, 20));
      child.kill("SIGINT");
      const [code] = await exited;
      expect(output).toMatch(/^violation {2}GET \/checks\/\{slug\} 418 \(req_tea\) {2}status-undeclared: /m);
      expect(output).toMatch(/^1 entries: 1 checked, 0 skipped; 2 violation\(s\) in 1 response\(s\)$/m);
      expect(code).toBe(1);
    } finally {
      child.kill();
      upstream.close();
    }
  }, 60_000);
});
