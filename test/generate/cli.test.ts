// The generate command in-process (`generate(argv, io)`), on a throwaway copy of the
// repository: its arguments, the no-op record a second run relies on, and a run whose specs
// change under it. test/commands/generate.test.ts runs it as a process.
import { appendFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
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

  const usage = "Usage: npm run generate -- [--check] [--watch] [--force] [--no-build]";
  it.each([
    [["--watch", "--check"], "--watch and --check do not go together: --check compares once and writes nothing."],
    [["--check", "--watch"], "--watch and --check do not go together: --check compares once and writes nothing."],
    [["--chek"], `Unknown argument --chek. ${usage}`],
    // Every unknown argument is named, and only those.
    [["--force", "-f", "--no-build", "check"], `Unknown argument -f check. ${usage}`],
  ])("exits 2 for %j and says why on stderr alone", async (argv, says) => {
    const io = capture(project.root);
    expect(await generate(argv, io)).toBe(2);
    expect(io.stderr()).toBe(`${says}\n`);
    expect(io.stdout()).toBe("");
  });

  it(
    "hands --watch to the watch mode, which runs until stopped and exits 0",
    async () => {
      let stop: () => void = () => {};
      const io = capture(project.root, new Promise<void>((resolve) => (stop = resolve)));
      const watching: Io = {
        ...io,
        out: (text) => {
          io.out(text);
          if (/^watching /m.test(text)) stop();
        },
      };
      expect(await generate(["--watch"], watching), io.text()).toBe(0);
      expect(io.text()).toMatch(/^watch {8}first a full lint and generate \(watch mode builds no dist\//m);
      expect(io.text()).toMatch(/^watching {5}openapi\/, redocly\.yaml, \.spectral\.yaml; Ctrl-C stops$/m);
    },
    TIMEOUT,
  );

  it(
    "records a full run, so that the next one says there is nothing to do",
    async () => {
      const first = capture(project.root);
      expect(await generate(["--no-build"], first), first.text()).toBe(0);
      // Each API is linted while its files are made; the lint's progress is printed too.
      expect(first.text()).toMatch(/^ittybit {6}spectral +\d+ ms$/m);
      expect(first.text()).toMatch(/^write {8}nothing changed$/m);
      expect(first.text()).not.toMatch(/^build /m);
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
      expect(first.stderr()).toBe(""); // a clean build prints no report
      const second = capture(project.root);
      expect(await generate(["--force"], second), second.text()).toBe(0);
      expect(second.text()).toMatch(/^build {8}dist\/ up to date \(nothing it is built from changed\)$/m);
    },
    TIMEOUT,
  );

  it(
    "counts dist/ as an output of a run that builds, and not of a --no-build run",
    async () => {
      const run = async (argv: string[]) => {
        const io = capture(project.root);
        expect(await generate(argv, io), io.text()).toBe(0);
        return io.text();
      };
      expect(await run([])).toMatch(/^nothing to do/);
      await writeFile(project.at("dist/stray.txt"), "1");
      expect(await run([])).toMatch(/^build {8}dist\/ \d+ ms$/m);
      expect(await run(["--no-build"])).not.toMatch(/^nothing to do/); // the record held dist/ too
      await writeFile(project.at("dist/stray.txt"), "2");
      expect(await run(["--no-build"])).toMatch(/^nothing to do/);
      await rm(project.at("dist/stray.txt"));
    },
    TIMEOUT,
  );

  it(
    "checks without the lint and without the record, and says how many files are in step",
    async () => {
      const files = (await readdir(project.at("generated"), { recursive: true, withFileTypes: true })).filter((e) =>
        e.isFile(),
      );
      const io = capture(project.root);
      expect(await generate(["--check"], io), io.text()).toBe(0);
      expect(io.stdout()).toMatch(
        new RegExp(`^generated/ is in step with the specs \\(${files.length} files\\)\n$`, "m"),
      );
      expect(io.stdout()).toMatch(/^ittybit +docs +\d+ ms$/m);
      expect(io.stdout()).not.toMatch(/spectral|redocly/);
      expect(io.stderr()).toBe("");
    },
    TIMEOUT,
  );

  it(
    "fails --check with the drifted files and what to do, and writes nothing",
    async () => {
      const catalog = project.at("generated/ittybit/errors.json");
      const committed = await readFile(catalog, "utf8");
      await writeFile(catalog, committed.replace('"retryable": true', '"retryable": false'));
      const io = capture(project.root);
      expect(await generate(["--check"], io)).toBe(1);
      expect(io.stderr()).toBe(
        [
          "generated/ differs from what the specs produce:",
          "  changed  generated/ittybit/errors.json",
          "Run `npm run generate` and commit the result.",
          "",
        ].join("\n"),
      );
      expect(await readFile(catalog, "utf8")).not.toBe(committed);
      await writeFile(catalog, committed);
    },
    TIMEOUT,
  );

  it(
    "says how many files a run wrote and lists each",
    async () => {
      const catalog = project.at("generated/ittybit/errors.json");
      await writeFile(catalog, "{}\n");
      await rm(project.at("generated/willittrack/index.ts"));
      await writeFile(project.at("generated/ittybit/extra.ts"), "export {};\n");
      const io = capture(project.root);
      expect(await generate(["--no-build", "--force"], io), io.text()).toBe(0);
      expect(io.stdout()).toContain(
        [
          "write        3 file(s)",
          "  changed  generated/ittybit/errors.json",
          "  missing  generated/willittrack/index.ts",
          "  stale    generated/ittybit/extra.ts",
        ].join("\n"),
      );
      expect(await generate(["--check"], capture(project.root))).toBe(0);
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

  // Last: it leaves a spec edited that generated/ does not follow.
  it(
    "gives up after three runs whose specs all changed under them, having written nothing",
    async () => {
      const errors = "openapi/ittybit/components/schemas/errors";
      const files = [`${errors}/run_not_found.yaml`, `${errors}/task_not_found.yaml`]; // sorted, as reported
      const catalog = await readFile(project.at("generated/ittybit/errors.json"), "utf8");
      const io = capture(project.root);
      const editing: Io = {
        ...io,
        out: (text) => {
          io.out(text);
          if (/^ittybit +docs/m.test(text)) for (const file of files) void appendFile(project.at(file), "# edited\n");
        },
      };
      await expect(generate(["--no-build", "--force"], editing)).rejects.toThrow(
        /run_not_found\.yaml, .*task_not_found\.yaml changed while/,
      );
      // Both edited files named, relative to the project, on each of the two restarts.
      const restarts = io.text().match(/^restart .*$/gm);
      expect(restarts).toEqual(
        Array(2).fill(`restart      ${files.join(", ")} changed while generating; nothing was written`),
      );
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toBe(catalog);
    },
    TIMEOUT,
  );
});
