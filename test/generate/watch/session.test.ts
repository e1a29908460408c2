// The state the watch mode keeps between edits (scripts/generate/watch/session.ts), in-process on
// the tiny project with a two-rule ruleset: what a run redoes, writes and removes, how a failing
// API keeps its files and is retried, and a run whose specs change under it writes nothing.
// edits.test.ts drives the same through the file watcher on a copy of the repository.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Session, type SessionResult } from "../../../scripts/generate/watch/session.js";
import { snapshotTree } from "../../commands/project.js";
import { replaceIn } from "../../pipeline/fixture.js";
import { removeTinyWatchProject, tinyWatchProject } from "./tiny-project.js";

const project = () => tinyWatchProject("session");
/** A fresh project and a session that has run every API once. */
async function afterFirstRun() {
  const p = await project();
  const session = new Session({ root: p.root });
  await session.run("all");
  return { p, session };
}
afterAll(() => removeTinyWatchProject("session"));

const summary = (result: SessionResult) => ({
  apis: result.apis,
  failures: result.failures.map((f) => {
    const error = f.error instanceof Error ? `, ${f.error.name}` : f.error === undefined ? "" : `, ${String(f.error)}`;
    return `${f.api}: ${f.lintErrors} lint error(s)${error}`;
  }),
  shared: result.shared,
  written: result.written,
  changed: result.changed,
});

const ERRORS = (api: string) => `generated/${api}/errors.json`;

describe("Session", () => {
  it("writes every API's files and the shared pages on its first run, whatever the scope", async () => {
    const { root } = await project();
    const steps: string[] = [];
    const session = new Session({ root, onStep: (api, step) => steps.push(`${api} ${step}`) });
    const result = await session.run(["tiny"]);
    // Each step of each API, the lint's two linters included.
    expect(steps).toEqual(expect.arrayContaining(["tiny spectral", "tiny redocly", "tiny read spec", "other types"]));
    expect(summary(result)).toEqual({
      apis: ["other", "tiny"],
      failures: [],
      shared: true,
      written: true,
      changed: [],
    });
    expect(result.drift.missing).toEqual(
      expect.arrayContaining([ERRORS("tiny"), ERRORS("other"), "generated/docs/index.html"]),
    );
    expect(result.drift.stale).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(await readFile(join(root, ERRORS("tiny")), "utf8")).toContain("thing_missing");
  });

  it("redoes nothing for a scope of no API once every API is fine", async () => {
    const { root } = await project();
    const session = new Session({ root });
    await session.run("all");
    expect(await session.run([])).toEqual({
      apis: [],
      findings: [],
      failures: [],
      shared: false,
      drift: { changed: [], missing: [], stale: [] },
      written: true,
      changed: [],
    });
  });

  it("names the APIs an edited file affects, from the files each spec was read from", async () => {
    const { p, session } = await afterFirstRun();
    expect(session.scopeOf([p.at("openapi/other/paths/things_{id}.yaml")])).toEqual(["other"]);
    expect(session.scopeOf([p.at("openapi/tiny/openapi.yaml"), p.at("openapi/other/x.yaml")])).toEqual([
      "other",
      "tiny",
    ]);
    expect(session.scopeOf([p.at(".spectral.yaml")])).toBe("all");
    expect(session.scopeOf([p.at("redocly.yaml")])).toBe("all");
  });

  it("on a lint error keeps the API's files, reports the finding, and retries it with another API's edit", async () => {
    const { p, session } = await afterFirstRun();
    const before = await snapshotTree(p.root, "generated/tiny");
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "title: Tiny", "title: Broken");
    await replaceIn(p.at("openapi/tiny/components/schemas/errors/thing_missing.yaml"), "does not exist", "is gone");
    const broken = await session.run(["tiny"]);
    expect(summary(broken)).toMatchObject({ apis: ["tiny"], failures: ["tiny: 1 lint error(s)"], written: true });
    expect(broken.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(["title-not-broken error"]);
    expect(await snapshotTree(p.root, "generated/tiny")).toEqual(before);

    const retried = await session.run(["other"]);
    expect(summary(retried)).toMatchObject({ apis: ["other", "tiny"], failures: ["tiny: 1 lint error(s)"] });
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "title: Broken", "title: Tiny");
    const fixed = await session.run(["other"]);
    expect(summary(fixed)).toMatchObject({ apis: ["other", "tiny"], failures: [] });
    expect(fixed.drift.changed).toContain(ERRORS("tiny"));
    expect(summary(await session.run(["other"]))).toMatchObject({ apis: ["other"], failures: [] });
  });

  it("on a spec that does not read keeps every file through a full run, and says why", async () => {
    const { p, session } = await afterFirstRun();
    const before = await snapshotTree(p.root, "generated");
    // A code without its status: a problem of the contract, which no rule of the linters sees.
    await replaceIn(p.at("openapi/tiny/components/schemas/errors/thing_missing.yaml"), "x-error-status: 404\n", "");
    const broken = await session.run("all");
    expect(broken.failures).toEqual([
      { api: "tiny", lintErrors: 0, error: expect.objectContaining({ name: "SpecProblem" }) },
    ]);
    expect(broken.drift).toEqual({ changed: [], missing: [], stale: [] });
    expect(await snapshotTree(p.root, "generated")).toEqual(before);
  });

  it("removes the files an API no longer makes, and no other API's", async () => {
    const { p, session } = await afterFirstRun();
    const page = (api: string) => `generated/docs/${api}/errors/thing_missing.html`;
    expect(await readFile(p.at(page("tiny")), "utf8")).toBeTruthy();
    const schema = p.at("openapi/tiny/components/schemas/errors/thing_missing.yaml");
    await writeFile(schema, (await readFile(schema, "utf8")).replaceAll("thing_missing", "thing_gone"));
    const result = await session.run(["tiny"]);
    expect(result.failures).toEqual([]);
    expect(result.drift.stale).toContain(page("tiny"));
    expect(result.drift.stale.filter((path) => !path.includes("/tiny/"))).toEqual([]);
    expect(result.drift.missing).toContain(page("tiny").replace("thing_missing", "thing_gone"));
    expect(await readFile(p.at(page("other")), "utf8")).toBeTruthy();
  });

  it("removes an API's files with the full run after redocly.yaml stops listing it", async () => {
    const { p, session } = await afterFirstRun();
    const config = await readFile(p.at("redocly.yaml"), "utf8");
    await writeFile(p.at("redocly.yaml"), config.replace(/^ {2}other:\n.*\n/m, ""));
    const without = await session.run("all");
    expect(summary(without)).toMatchObject({ apis: ["tiny"], failures: [], written: true });
    expect(without.drift.stale).toContain(ERRORS("other"));
    expect(session.scopeOf([p.at("openapi/other/openapi.yaml")])).toEqual([]);
  });

  it("reports a configuration it cannot read as a failure of `all`, and writes nothing", async () => {
    const p = await project();
    const session = new Session({ root: p.root });
    await rm(p.at("redocly.yaml"));
    const result = await session.run("all");
    expect(result).toMatchObject({ apis: [], written: true, shared: false });
    expect(result.failures).toEqual([{ api: "all", lintErrors: 0, error: expect.any(Error) }]);
  });

  it.each([
    ["a run of the API", ["tiny"]],
    ["a full run", "all"],
  ] as const)("writes nothing when a spec file changes during %s, and names the file", async (_name, scope) => {
    const p = await project();
    const edited = p.at("openapi/tiny/components/schemas/errors/thing_missing.yaml");
    let edit = false;
    const session = new Session({
      root: p.root,
      onStep: (api, step) => {
        // After the spec was read, before anything is written.
        if (edit && api === "tiny" && step === "read spec") {
          edit = false;
          writeFileSync(edited, readFileSync(edited, "utf8").replace("does not exist", "was edited meanwhile"));
        }
      },
    });
    await session.run("all");
    const before = await snapshotTree(p.root, "generated");
    await replaceIn(edited, "does not exist", "does not exist at all");
    await replaceIn(edited, "does not exist at all", "does not exist");
    edit = true;
    const result = await session.run(scope);
    expect(summary(result)).toMatchObject({ written: false, changed: [edited] });
    expect(result.drift).toEqual({ changed: [], missing: [], stale: [] });
    expect(await snapshotTree(p.root, "generated")).toEqual(before);
  });

  it("makes no shared pages while an API has never read, and makes them once it does", async () => {
    const p = await project();
    const session = new Session({ root: p.root });
    const schema = p.at("openapi/tiny/components/schemas/errors/thing_missing.yaml");
    const saved = await readFile(schema, "utf8");
    await replaceIn(schema, "x-error-status: 404\n", "");
    const first = await session.run("all");
    expect(summary(first)).toMatchObject({ failures: ["tiny: 0 lint error(s), SpecProblem"], shared: false });
    expect(first.drift.missing).toContain(ERRORS("other"));
    expect(first.drift.missing.filter((path) => path.includes("tiny") || path.startsWith("generated/docs/i"))).toEqual(
      [],
    );
    const other = await session.run(["other"]);
    expect(summary(other)).toMatchObject({ apis: ["other", "tiny"], shared: false, written: true });
    await writeFile(schema, saved);
    const fixed = await session.run(["tiny"]);
    expect(summary(fixed)).toMatchObject({ apis: ["tiny"], failures: [], shared: true, written: true });
    expect(fixed.drift.missing).toEqual(expect.arrayContaining([ERRORS("tiny"), "generated/docs/index.html"]));
    expect(fixed.drift.stale).toEqual([]);
  });

  it("names the API that reads a file outside its folder, and still does while its spec does not read", async () => {
    const p = await project();
    await mkdir(p.at("openapi/common"));
    await rename(p.at("openapi/tiny/components/schemas/Thing.yaml"), p.at("openapi/common/Thing.yaml"));
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "./components/schemas/Thing.yaml", "../common/Thing.yaml");
    await replaceIn(
      p.at("openapi/tiny/paths/things_{id}.yaml"),
      "../components/schemas/Thing.yaml",
      "../../common/Thing.yaml",
    );
    const session = new Session({ root: p.root });
    expect((await session.run("all")).failures).toEqual([]);
    expect(session.scopeOf([p.at("openapi/common/Thing.yaml")])).toEqual(["tiny"]);
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "paths:", "paths: [");
    const broken = await session.run(["tiny"]);
    expect(broken.failures.map((f) => f.api)).toEqual(["tiny"]);
    expect(session.scopeOf([p.at("openapi/common/Thing.yaml")])).toEqual(["tiny"]);
  });

  it("counts only a finding of severity error as a lint error", async () => {
    const { p, session } = await afterFirstRun();
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "title: Tiny", "title: Broken Draft");
    const result = await session.run(["tiny"]);
    expect(result.findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual([
      "title-not-broken error",
      "title-not-draft warning",
    ]);
    expect(summary(result).failures).toEqual(["tiny: 1 lint error(s)"]);
  });

  it("throws a write that fails, and redoes that run's APIs with the next edit", async () => {
    const { p, session } = await afterFirstRun();
    // A file where a folder must be (a mode bit stops no write when run as root).
    await rm(p.at("generated/docs/tiny/errors"), { recursive: true });
    await writeFile(p.at("generated/docs/tiny/errors"), "in the way\n");
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "title: Tiny", "title: Tiny edited");
    await expect(session.run(["tiny"])).rejects.toThrow(/^Could not write generated\/docs\/tiny\/errors\//);
    await rm(p.at("generated/docs/tiny/errors"));
    const next = await session.run(["other"]);
    expect(summary(next)).toMatchObject({ apis: ["other", "tiny"], failures: [], written: true });
    expect(next.drift.missing).toContain("generated/docs/tiny/errors/thing_missing.html");
  });

  it("once stopped writes nothing: a run that was under way fails and says so", async () => {
    const { p, session } = await afterFirstRun();
    const before = await snapshotTree(p.root, "generated");
    await session.stop();
    await replaceIn(p.at("openapi/tiny/openapi.yaml"), "title: Tiny", "title: Tiny edited");
    await expect(session.run(["tiny"])).rejects.toThrow("The watcher is stopping; nothing was written.");
    expect(await snapshotTree(p.root, "generated")).toEqual(before);
  });
});
