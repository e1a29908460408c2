// `npm run lint` in-process, on a throwaway copy of the repository with specs broken at known
// places: each finding is printed at the exact line and column of the broken value, a root
// that is not YAML too (the launcher's tests run it as a process).
import { readFile } from "node:fs/promises";
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

describe("npm run lint on broken specs", () => {
  let project: Project;
  let run: Finished;
  beforeAll(async () => {
    project = await copyProject();
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
});
