// `npm run lint` in-process, on a throwaway copy of the repository with specs broken at known
// places: each finding is printed at the exact line and column of the broken value, a root
// that is not YAML too (the launcher's tests run it as a process).
import { cp, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../../scripts/lint/cli.js";
import { capture } from "../support/io.js";
import { copyProject, type Finished, type Project } from "./project.js";

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where `text` starts in a file, 1-based, found independently of the linters. */
async function positionOf(project: Project, file: string, text: string): Promise<string> {
  const lines = (await readFile(project.at(file), "utf8")).split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  const again = lines.findIndex((l, i) => i > line && l.includes(text));
  if (line < 0 || again >= 0) throw new Error(`${text} is not once in ${file}`);
  return `${file}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

// Each break, and each linter's finding at the broken value (the printed format does not name the linter).
const breaks = [
  {
    file: "openapi/ittybit/components/schemas/errors/task_not_found.yaml",
    from: "  - kind: task_not_found",
    to: "  - kind: task_gone",
    value: "task_gone",
  },
  {
    file: "openapi/ittybit/paths/tasks_{id}.yaml",
    from: "tags: [Tasks]",
    to: "tags: [Taskz]",
    value: "Taskz",
  },
  {
    file: "openapi/willittrack/openapi.yaml",
    from: "  title: WillItTrack\n",
    to: "  title: WillItTrack: the root\n",
    value: "  title: WillItTrack: the root",
  },
];

const findings = [
  { linter: "Spectral", rule: "error  contract-error-documented", ...breaks[0]! },
  { linter: "Redocly", rule: "warning  no-invalid-schema-examples", ...breaks[0]! },
  { linter: "Spectral", rule: "warning  operation-tag-defined", ...breaks[1]! },
  { linter: "Redocly", rule: "error  yaml-syntax", ...breaks[2]! },
];

/** Progress lines, `api  linter  ms  counts` in fixed columns (the ms vary, so they are read back). */
const PROGRESS = /^(\S+) +(spectral|redocly) +(\d+) ms {2}(\S.*)$/;
const progressOf = (stdout: string): string[][] =>
  stdout.split("\n").flatMap((line) => {
    const [, api, linter, ms, counts] = PROGRESS.exec(line) ?? [];
    if (api === undefined || linter === undefined || ms === undefined) return [];
    // Rebuilt with the columns the command promises: a line printed otherwise does not match.
    expect(line).toBe(`${api.padEnd(12)} ${linter.padEnd(9)} ${ms.padStart(5)} ms  ${counts}`);
    return [[api, linter, counts!]];
  });

describe("npm run lint on broken specs", () => {
  let project: Project;
  let run: Finished;
  beforeAll(async () => {
    project = await copyProject();
    // For `npm run lint -- warned.yaml`: one API (a copy of Ittybit) whose only finding is a warning.
    await cp(project.at("openapi/ittybit"), project.at("openapi/warned"), { recursive: true });
    const config = await readFile(project.at("redocly.yaml"), "utf8");
    const apis = "apis:\n  warned:\n    root: openapi/warned/openapi.yaml\n";
    await writeFile(project.at("warned.yaml"), config.replace(/^apis:\n(?: {2}.*\n)+/m, apis));
    // And `npm run lint -- broken-root.yaml`: WillItTrack alone, whose root is not YAML (an error).
    const willittrack = "apis:\n  willittrack:\n    root: openapi/willittrack/openapi.yaml\n";
    await writeFile(project.at("broken-root.yaml"), config.replace(/^apis:\n(?: {2}.*\n)+/m, willittrack));
    await project.replace("openapi/warned/paths/tasks_{id}.yaml", "tags: [Tasks]", "tags: [Taskz]");
    for (const b of breaks) await project.replace(b.file, b.from, b.to);
    const io = capture(project.root);
    run = { code: await lint([], io), stdout: io.stdout(), stderr: io.stderr() };
  }, 120_000);
  afterAll(() => project?.remove());

  it.each(findings)("prints $rule ($linter) at the broken value's file:line:col", async ({ file, value, rule }) => {
    const where = await positionOf(project, file, value);
    const printed = run.stdout.split("\n").filter((l) => l.startsWith(`${file}:`));
    const exactly = new RegExp(`^${escapeRegExp(where)}  ${rule}  `);
    expect(printed.filter((l) => l.includes(rule))).toEqual([expect.stringMatching(exactly)]);
  });

  it("reports a YAML syntax error in a root like any other finding: no stack, no copy of the file", () => {
    const printed = run.stdout.split("\n").find((l) => l.includes("yaml-syntax"));
    expect(printed).toMatch(/YAML syntax error: .*\. Fix the indentation or quoting on that line/);
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at |servers:/m);
  });

  it("reports the root's syntax error once, though both linters find it", async () => {
    const { file, value } = breaks[2]!;
    const line = (await positionOf(project, file, value)).split(":").slice(0, 2).join(":");
    expect(run.stdout.split("\n").filter((l) => l.startsWith(`${line}:`))).toHaveLength(1);
  });

  it("exits 1 on the errors and counts every finding", () => {
    expect(run.stdout).toMatch(/^lint: 2 errors, 2 warnings \(\d+ ms\)$/m);
    expect(run.code).toBe(1);
  });

  it("prints a line per API and linter with what each found, in order", () => {
    const progress = progressOf(run.stdout);
    expect(progress.map(([api, linter]) => `${api} ${linter}`)).toEqual([
      "ittybit spectral",
      "ittybit redocly",
      "willittrack spectral",
      "willittrack redocly",
    ]);
    expect(progress.slice(0, 2).map(([, , counts]) => counts)).toEqual(["1 error, 1 warning", "1 warning"]);
  });

  // Its own run, in the test: Stryker counts code that only a beforeAll runs as static, and ignores it.
  it("lints the configuration named on the command line, and exits 0 on warnings alone", async () => {
    const io = capture(project.root);
    const started = performance.now();
    const warned = { code: await lint(["warned.yaml"], io), stdout: io.stdout() };
    const warnedMs = performance.now() - started;
    expect(progressOf(warned.stdout)).toEqual([
      ["warned", "spectral", "1 warning"],
      ["warned", "redocly", "no findings"],
    ]);
    expect(warned.stdout).toMatch(
      /^openapi\/warned\/paths\/tasks_\{id\}\.yaml:\d+:\d+ {2}warning {2}operation-tag-defined /m,
    );
    const [, total] = /^lint: 1 warning \((\d+) ms\)$/m.exec(warned.stdout) ?? [];
    // The times printed are parts of the run: none is longer than the whole run took.
    expect(Number(total)).toBeLessThanOrEqual(Math.ceil(warnedMs));
    for (const line of warned.stdout.split("\n").filter((l) => PROGRESS.test(l))) {
      expect(Number(PROGRESS.exec(line)![3])).toBeLessThanOrEqual(Number(total));
    }
    expect(warned.code).toBe(0);
  }, 120_000);

  // Also in a test of its own, for Stryker (see above): the exit code of a run with an error.
  it("exits 1 on a configuration whose only API has an error", async () => {
    const io = capture(project.root);
    expect(await lint(["broken-root.yaml"], io)).toBe(1);
    expect(io.stdout()).toMatch(/^lint: 1 error \(\d+ ms\)$/m);
  }, 120_000);
});
