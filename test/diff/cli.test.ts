// `npm run diff` in temporary git repositories, in-process (runDiff): the exit codes (0, 1 with
// --fail-on, 2 on bad input), both formats and the release notes of one change set, the other
// options and argument errors. test/diff/signals.test.ts runs the command as a process.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../../scripts/diff/cli.js";
import { capture } from "../support/io.js";
import { removeCopies, replaceIn, specsCopy, specsRepo } from "./fixture.js";

/** The command in-process on a repository of specs (test/diff/signals.test.ts runs it as a process). */
const diff = (cwd: string, ...args: string[]) => run(cwd, false, ...args);

let clean: string;
let edited: string;

beforeAll(async () => {
  clean = (await specsRepo()).dir;
  edited = (await specsRepo()).dir;
  const file = (api: string, path: string) => join(edited, "openapi", api, path);
  await replaceIn(
    file("ittybit", "components/schemas/errors/internal_error.yaml"),
    "x-error-status: 500",
    "x-error-status: 501",
  );
  await replaceIn(
    file("ittybit", "paths/events_{id}.yaml"),
    "    '403':\n      $ref: ../components/responses/Forbidden.yaml\n",
    "",
  );
  await replaceIn(
    file("ittybit", "components/responses/ServiceUnavailable.yaml"),
    "content:",
    "headers:\n  Retry-After:\n    $ref: ../headers/Retry-After.yaml\ncontent:",
  );
  await replaceIn(
    file("willittrack", "components/schemas/errors/not_found.yaml"),
    /description: .*/,
    "description: Nothing here.",
  );
});

afterAll(removeCopies);

describe("npm run diff", () => {
  it("prints release notes grouped by API and severity, with links to the docs", async () => {
    const { code, stdout } = await diff(edited, "--base", "v1", "--format", "md");
    expect(code).toBe(0);
    expect(stdout).toMatchSnapshot();
  }, 120_000);

  it("prints JSON when asked, and exits 1 when --fail-on names a severity that occurs", async () => {
    const { code, stdout, stderr } = await diff(edited, "--format", "json", "--fail-on", "breaking");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      base: string;
      head: string;
      semver: string;
      changes: { api: string; change: string; severity: string }[];
    };
    expect(report).toMatchObject({ base: "HEAD", head: "working tree", semver: "major" });
    expect(report.changes.filter((c) => c.severity === "breaking").map((c) => c.change)).toEqual([
      "code-status-changed",
      "code-retryable-changed",
      "operation-error-removed",
    ]);
    expect(stderr).toMatch(/diff: \d+ change\(s\), semver major; 3 at --fail-on breaking or worse/);
  }, 120_000);

  it("exits 2 for a ref that does not exist", async () => {
    const { code, stdout, stderr } = await diff(clean, "--base", "v9");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/"v9" is neither a folder nor a commit, branch or tag/);
  }, 120_000);

  it("exits 2 with the file and line of a spec that does not parse", async () => {
    const broken = await specsCopy((file) =>
      replaceIn(
        file("willittrack", "paths/keys_{id}.yaml"),
        "  summary: Revoke an API key\n",
        "  summary: Revoke: an API key\n",
      ),
    );
    const { code, stderr } = await diff(clean, "--head", broken);
    expect(code).toBe(2);
    expect(stderr).toContain(`${broken}: openapi/willittrack/paths/keys_{id}.yaml:5: YAML syntax error`);
  }, 120_000);
});

/** runDiff in-process, with its output collected. */
async function run(
  cwd: string,
  isTTY: boolean,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { ...capture(cwd), isTTY };
  const code = await runDiff(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr().replace(/\n$/, "") };
}

describe("runDiff", () => {
  it("prints Markdown on a terminal and says when nothing changed", async () => {
    const { code, stdout, stderr } = await run(clean, true);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "# Error contract changes: HEAD → working tree\n\nNo changes to the error contracts (semver: none).\n",
    );
    expect(stderr).toMatch(/^read HEAD .* commit [0-9a-f]{12} \d+ ms$/m);
  });

  it(
    "reads one API with --api, prints JSON when not on a terminal, " +
      "and passes --fail-on when only milder changes occur",
    async () => {
      const { code, stdout } = await run(edited, false, "--api", "willittrack", "--fail-on", "warning");
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        semver: "patch",
        changes: [{ api: "willittrack", change: "description-changed", code: "not_found", severity: "info" }],
      });
    },
  );

  it("fails on info with --fail-on info", async () => {
    expect((await run(edited, false, "--api", "willittrack", "--fail-on", "info")).code).toBe(1);
  });

  it.each([
    ["an API that neither side has", ["--api", "nope"], /No API named "nope" in HEAD or working tree/],
    ["an unknown format", ["--format", "xml"], /--format must be md or json, not "xml"/],
    ["an unknown --fail-on", ["--fail-on", "minor"], /--fail-on must be one of breaking, warning, info, not "minor"/],
    ["an unknown option", ["--bogus"], /Unknown option '--bogus'[\s\S]*Usage: npm run diff/],
  ])("exits 2 for %s", async (_, args, message) => {
    const { code, stdout, stderr } = await run(clean, false, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
