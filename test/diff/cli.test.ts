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

describe("runDiff's other paths", () => {
  it("says on stderr what it read from where, and the count and semver without --fail-on", async () => {
    const { code, stderr } = await run(edited, false, "--base", "v1", "--head", edited, "--api", "willittrack");
    expect(code).toBe(0);
    const lines = stderr.split("\n");
    // The labels padded to one column, so that the two lines' details align.
    expect(lines[0]).toMatch(/^read v1 {13}commit [0-9a-f]{12} \d+ ms$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^read ${edited.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} folder `)),
      "diff: 1 change(s), semver patch",
    ]);
  });

  it("links to the docs at --docs-url", async () => {
    const { stdout } = await run(edited, false, "--api", "willittrack", "--format=md", "--docs-url=https://x.test/d");
    expect(stdout).toContain("[`not_found`](https://x.test/d/willittrack.html#/errors/not_found)");
  });

  // ittybit's edits: 3 breaking changes and 26 info (no warning).
  it.each([
    ["breaking", 3],
    ["warning", 3],
    ["info", 29],
  ] as const)("counts the changes at --fail-on %s or worse: %i", async (severity, found) => {
    const { code, stderr } = await run(edited, false, "--api", "ittybit", "--fail-on", severity);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^diff: 29 change\\(s\\), semver major; ${found} at --fail-on ${severity} or worse$`, "m"),
    );
  });

  it.each([
    ["base", "api-added"],
    ["head", "api-removed"],
  ])("reports an API that the %s lacks as %s, not as an unknown name", async (side, change) => {
    const lacking = await specsCopy();
    await replaceIn(join(lacking, "redocly.yaml"), /\n {2}willittrack:\n.*\n/, "\n");
    const [base, head] = side === "base" ? [lacking, clean] : [clean, lacking];
    const { code, stdout } = await run(clean, false, "--api", "willittrack", "--base", base, "--head", head);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ changes: [{ change, api: "willittrack" }] });
  });

  it("names the place to look for an API's name", async () => {
    const { stderr } = await run(clean, false, "--api", "nope");
    expect(stderr.split("\n").at(-1)).toBe(
      'No API named "nope" in HEAD or working tree. Use a name under `apis:` in redocly.yaml.',
    );
  });

  it("lets an error that is not bad input through, for the process to report with its stack", async () => {
    const io = { ...capture(clean), write: () => Promise.reject(new Error("stdout is gone")) };
    await expect(runDiff(["--api", "willittrack"], io)).rejects.toThrow("stdout is gone");
  });
});
