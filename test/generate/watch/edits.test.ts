// The watch mode in-process, on a throwaway copy of the repository, where edits come at awkward
// times: during the first full run, during a regeneration, files deleted and renamed, a folder it
// cannot write, an API taken out of redocly.yaml. No edit is lost, a failing API keeps its files
// and is retried, and the watcher keeps running through each, saying what happened in one line.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../../scripts/generate/cli.js";
import { watchAndGenerate } from "../../../scripts/generate/watch/cli.js";
import { copyProject, type Project, snapshotTree } from "../../commands/project.js";
import { capture } from "../../support/io.js";

const TIMEOUT = 240_000;
const ITTYBIT_ERROR = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
const WILLITTRACK_ERROR = "openapi/willittrack/components/schemas/errors/not_found.yaml";

interface Watcher {
  readonly output: () => string;
  /** Resolves with the output printed after `offset` once it matches `pattern`. */
  readonly waitFor: (pattern: RegExp, offset?: number) => Promise<string>;
  readonly stop: () => Promise<number>;
}

function startWatcher(project: Project): Watcher {
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io = capture(project.root, stopped);
  const output = io.text;
  const exited = watchAndGenerate(io);
  let code: number | undefined;
  void exited.then((c) => (code = c));
  return {
    output,
    async waitFor(pattern, offset = 0) {
      const deadline = Date.now() + 180_000;
      for (;;) {
        const text = output().slice(offset);
        if (pattern.test(text)) return text;
        if (code !== undefined) throw new Error(`The watcher ended (${code}):\n${text}`);
        if (Date.now() > deadline) throw new Error(`No ${pattern} within 180 s; output:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => {
      stop();
      return exited;
    },
  };
}

/** Waits until a generated file holds `text` (a run that picked up an edit wrote it). */
async function eventually(check: () => Promise<boolean>, what: string, watcher: Watcher): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} never happened; output:\n${watcher.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const contains = (project: Project, file: string, text: string) => async () =>
  (await readFile(project.at(file), "utf8").catch(() => "")).includes(text);

describe("npm run generate -- --watch, with edits at awkward times", () => {
  let project: Project;
  let watcher: Watcher;
  beforeAll(async () => {
    project = await copyProject();
    watcher = startWatcher(project);
  }, TIMEOUT);
  afterAll(async () => {
    await watcher?.stop();
    await project?.remove();
  });

  it(
    "picks up an edit saved during its first full run",
    async () => {
      await watcher.waitFor(/^ittybit +read spec/m);
      await project.replace(ITTYBIT_ERROR, "description: Task does not exist", "description: Task edited early");
      await watcher.waitFor(/^watching /m);
      await eventually(
        contains(project, "generated/ittybit/errors.json", "Task edited early"),
        "the early edit",
        watcher,
      );
    },
    TIMEOUT,
  );

  it(
    "picks up an edit saved while it regenerates for another",
    async () => {
      const offset = watcher.output().length;
      await project.replace(ITTYBIT_ERROR, "Task edited early", "Task edited first");
      await watcher.waitFor(/^change {7}.* -> ittybit$/m, offset);
      await project.replace(WILLITTRACK_ERROR, "description: ", "description: Edited meanwhile. ");
      await eventually(
        contains(project, "generated/willittrack/errors.json", "Edited meanwhile."),
        "the second edit",
        watcher,
      );
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toContain("Task edited first");
      // The file is in place before the rest of that write (the shared pages): the report comes after all of it.
      await watcher.waitFor(/^ {2}changed {2}generated\/willittrack\/errors\.json$/m, offset);
    },
    TIMEOUT,
  );

  it(
    "says which file a deleted spec file breaks, keeps the API's files, and recovers when it is back",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      const saved = await readFile(project.at(ITTYBIT_ERROR), "utf8");
      let offset = watcher.output().length;
      await rm(project.at(ITTYBIT_ERROR));
      const broken = await watcher.waitFor(/^failed {7}ittybit: .*left as they were$/m, offset);
      expect(broken).toMatch(/task_not_found\.yaml/);
      expect(await snapshotTree(project.root, "generated")).toEqual(before);

      // Another API's edit retries the failing one: it still fails, and still keeps its files.
      offset = watcher.output().length;
      await project.replace(WILLITTRACK_ERROR, "Edited meanwhile. ", "Edited again. ");
      const retried = await watcher.waitFor(/^write {8}/m, offset);
      expect(retried).toMatch(/^failed {7}ittybit: /m);
      expect(retried).toMatch(/^ {2}changed {2}generated\/willittrack\/errors\.json$/m);
      expect(retried).not.toMatch(/generated\/ittybit\//);

      offset = watcher.output().length;
      await writeFile(project.at(ITTYBIT_ERROR), saved);
      const fixed = await watcher.waitFor(/^write {8}/m, offset);
      expect(fixed).not.toMatch(/^failed /m);
    },
    TIMEOUT,
  );

  it(
    "says so when a spec file is renamed away, and recovers when it is renamed back",
    async () => {
      let offset = watcher.output().length;
      const renamed = ITTYBIT_ERROR.replace("task_not_found", "task_moved");
      await rename(project.at(ITTYBIT_ERROR), project.at(renamed));
      await watcher.waitFor(/^failed {7}ittybit: /m, offset);
      offset = watcher.output().length;
      await rename(project.at(renamed), project.at(ITTYBIT_ERROR));
      const fixed = await watcher.waitFor(/^write {8}/m, offset);
      expect(fixed).not.toMatch(/^failed /m);
    },
    TIMEOUT,
  );

  it(
    "keeps a failing API's files through a full run (a configuration edit)",
    async () => {
      await project.replace(ITTYBIT_ERROR, "  - kind: task_not_found", "  - kind: task_gone");
      const offset = watcher.output().length;
      const ruleset = project.at(".spectral.yaml");
      await writeFile(ruleset, `${await readFile(ruleset, "utf8")}# edited\n`);
      const run = await watcher.waitFor(/^change {7}\.spectral\.yaml[\s\S]*^write {8}/m, offset);
      expect(run).toMatch(/^failed {7}ittybit: \d+ lint error\(s\)/m);
      expect(run).not.toMatch(/^ {2}stale {4}generated\/ittybit\//m);
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toContain("Task edited first");
      await project.replace(ITTYBIT_ERROR, "  - kind: task_gone", "  - kind: task_not_found");
      await eventually(
        async () =>
          !/^failed /m.test(
            watcher
              .output()
              .slice(offset)
              .split(/^change /m)
              .at(-1) ?? "",
          ),
        "the fix",
        watcher,
      );
    },
    TIMEOUT,
  );

  it(
    "says what to fix when generated/ cannot be written, and writes once it can",
    async () => {
      // As root, a mode bit cannot stop a write; a file where a folder must be does.
      await rm(project.at("generated/docs/ittybit/errors"), { recursive: true });
      await writeFile(project.at("generated/docs/ittybit/errors"), "in the way\n");
      let offset = watcher.output().length;
      await project.replace(ITTYBIT_ERROR, "Task edited first", "Task edited while blocked");
      const blocked = await watcher.waitFor(/^error {8}Could not write .*$/m, offset);
      const says = [
        "Could not write generated/docs/ittybit/errors/\\w+\\.html \\(EEXIST\\)\\. Nothing was changed\\.",
        "Remove the file in the way of generated/docs/ittybit/errors/ and run again\\.",
      ];
      expect(blocked).toMatch(new RegExp(`^error {8}${says.join(" ")}$`, "m"));
      expect(blocked).toMatch(/Waiting for the next edit\./);
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toContain("Task edited first");

      await rm(project.at("generated/docs/ittybit/errors"));
      await mkdir(project.at("generated/docs/ittybit/errors"));
      offset = watcher.output().length;
      await project.replace(ITTYBIT_ERROR, "Task edited while blocked", "Task edited once free");
      await watcher.waitFor(/^write {8}/m, offset);
      await eventually(
        contains(project, "generated/ittybit/errors.json", "Task edited once free"),
        "the write",
        watcher,
      );
    },
    TIMEOUT,
  );

  it(
    "removes an API's files when redocly.yaml no longer lists it, and brings them back when it does",
    async () => {
      const config = await readFile(project.at("redocly.yaml"), "utf8");
      const without = config.replace(/^ {2}willittrack:\n(?: {4}.*\n)+/m, "");
      expect(without).not.toBe(config);
      let offset = watcher.output().length;
      await writeFile(project.at("redocly.yaml"), without);
      const removed = await watcher.waitFor(/^write {8}/m, offset);
      expect(removed).toMatch(/^change {7}redocly\.yaml -> everything \(configuration changed\)$/m);
      expect(removed).toMatch(/^ {2}stale {4}generated\/willittrack\/errors\.json$/m);

      offset = watcher.output().length;
      await writeFile(project.at("redocly.yaml"), config);
      const back = await watcher.waitFor(/^write {8}/m, offset);
      expect(back).toMatch(/^ {2}missing {2}generated\/willittrack\/errors\.json$/m);
    },
    TIMEOUT,
  );

  it(
    "on a lint error prints file:line and the finding, writes nothing, and recovers on the fix",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      let offset = watcher.output().length;
      await project.replace(ITTYBIT_ERROR, "  - kind: task_not_found", "  - kind: task_gone");
      const broken = await watcher.waitFor(/^write {8}.*$/m, offset);
      expect(broken).toMatch(/task_not_found\.yaml:13:11 {2}error {2}contract-error-documented /);
      expect(broken).toMatch(/^failed {7}ittybit: \d+ lint error\(s\); its generated files are left as they were$/m);
      expect(broken).toMatch(/^write {8}nothing changed in \d+ ms$/m);
      expect(await snapshotTree(project.root, "generated")).toEqual(before);

      offset = watcher.output().length;
      await project.replace(ITTYBIT_ERROR, "  - kind: task_gone", "  - kind: task_not_found");
      const fixed = await watcher.waitFor(/^write {8}.*$/m, offset);
      expect(fixed).not.toMatch(/^failed /m);
    },
    TIMEOUT,
  );

  it(
    "leaves generated/ exactly as a full generate makes it of the edited specs",
    async () => {
      await watcher.stop();
      const io = capture(project.root);
      expect(await generate(["--check"], io), io.text()).toBe(0);
    },
    TIMEOUT,
  );
});

describe("npm run generate -- --watch without a folder to watch", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    await rm(project.at("openapi"), { recursive: true });
  }, TIMEOUT);
  afterAll(() => project?.remove());

  it("says why and exits 2", async () => {
    const io = capture(project.root);
    expect(await watchAndGenerate(io)).toBe(2);
    expect(io.text()).toMatch(/^The file watcher failed: ENOENT: no such file or directory, .*openapi'$/m);
    expect(io.text()).not.toMatch(/^watching /m);
  });
});
