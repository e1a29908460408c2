// The generate command in-process (`generate(argv, io)`), on a throwaway copy of the
// repository: its arguments, the no-op record a second run relies on, and a run whose specs
// change under it. test/commands/generate.test.ts runs it as a process.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../scripts/command.js";
import { generate } from "../../scripts/generate/cli.js";
import { copyProject, type Project } from "../commands/project.js";
import { capture } from "../support/io.js";

const TIMEOUT = 120_000;

describe("generate(argv, io)", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()), TIMEOUT);
  afterAll(() => project?.remove());

  it.each([
    [["--watch", "--check"], /^--watch and --check do not go together/],
    [["--chek"], /^Unknown argument --chek\. Usage: npm run generate -- \[--check\] \[--watch\]/],
  ])("exits 2 for %j and says why", async (argv, says) => {
    const io = capture(project.root);
    expect(await generate(argv, io)).toBe(2);
    expect(io.text()).toMatch(says);
  });

  it(
    "records a full run, so that the next one says there is nothing to do",
    async () => {
      const first = capture(project.root);
      expect(await generate(["--no-build"], first), first.text()).toBe(0);
      expect(first.text()).toMatch(/^write {8}nothing changed$/m);
      const second = capture(project.root);
      expect(await generate(["--no-build"], second)).toBe(0);
      expect(second.text()).toBe(
        "nothing to do: no spec, script or output changed since the last run (--force to run anyway)\n",
      );
    },
    TIMEOUT,
  );

  it(
    "builds dist/ once, then skips the build while nothing it is built from changes",
    async () => {
      const first = capture(project.root);
      expect(await generate(["--force"], first), first.text()).toBe(0);
      expect(first.text()).toMatch(/^build {8}dist\/ \d+ ms$/m);
      const second = capture(project.root);
      expect(await generate(["--force"], second), second.text()).toBe(0);
      expect(second.text()).toMatch(/^build {8}dist\/ up to date \(nothing it is built from changed\)$/m);
    },
    TIMEOUT,
  );

  it(
    "starts over when a spec changes while it runs, and writes what the edited spec says",
    async () => {
      const file = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
      let edited = false;
      const io = capture(project.root);
      const editing: Io = {
        ...io,
        out: (text) => {
          io.out(text);
          // Once the spec is read and its files made, before they are written.
          if (!edited && /^ittybit +docs/m.test(text)) {
            edited = true;
            void project.replace(file, "description: Task does not exist", "description: Task edited mid-run");
          }
        },
      };
      expect(await generate(["--no-build", "--force"], editing), io.text()).toBe(0);
      expect(io.text()).toMatch(/^restart {6}openapi\/ittybit\/.*task_not_found\.yaml changed while generating/m);
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toContain("Task edited mid-run");
      const check = capture(project.root);
      expect(await generate(["--check"], check), check.text()).toBe(0);
    },
    TIMEOUT,
  );
});
