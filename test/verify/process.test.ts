// `npm run verify` as a process, once: npm, the launcher and the exit code of a run that finds a
// violation (every other case runs in-process in verify.test.ts).
import { mkdtemp, writeFile } from "node:fs/promises";
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
