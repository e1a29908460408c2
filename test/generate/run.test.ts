// The pipeline end to end on a tiny fixture: what it produces, that it is deterministic, and
// that a broken spec fails with the file, the line and what to fix.
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SpecProblem } from "../../scripts/contract/index.js";
import {
  type ApiOutcome,
  assertUnchanged,
  changedInputs,
  filesOf,
  InputsChanged,
  isComplete,
  Pipeline,
  produce,
} from "../../scripts/generate/run.js";
import type { OutputFile } from "../../scripts/output.js";
import { replaceIn, tinyProject } from "../pipeline/fixture.js";

describe("produce", () => {
  it("writes the bundle, types, catalog and index of each API", async () => {
    const { configPath } = await tinyProject();
    const paths = (await produce({ configPath })).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "generated/tiny/errors.json",
        "generated/tiny/errors.ts",
        "generated/tiny/index.ts",
        "generated/tiny/openapi.yaml",
        "generated/tiny/schema.ts",
      ]),
    );
  });

  it("is deterministic: two runs give byte-identical files", async () => {
    const { configPath } = await tinyProject();
    const first = await produce({ configPath });
    const second = await produce({ configPath });
    expect(second).toEqual(first);
  });

  it("marks every file as generated", async () => {
    const { configPath } = await tinyProject();
    for (const file of await produce({ configPath })) {
      expect(String(file.content).slice(0, 400), file.path).toMatch(/[Gg]enerated.*[Dd]o not edit/);
    }
  });

  it("reports each step once per API", async () => {
    const { configPath } = await tinyProject();
    const steps: string[] = [];
    await produce({ configPath, onStep: (api, step) => steps.push(`${api}:${step}`) });
    expect(steps).toContain("tiny:read spec");
    expect(steps).toContain("tiny:catalog");
    expect(new Set(steps).size).toBe(steps.length);
  });
});

const broken: [
  string,
  { edit: (at: (f: string) => string) => Promise<void>; want: { file: string; line: number; says: RegExp } },
][] = [
  [
    "a $ref to a missing file",
    {
      edit: (at) => replaceIn(at("paths/things_{id}.yaml"), "errors/thing_missing.yaml", "errors/thing_mising.yaml"),
      want: {
        file: "paths/things_{id}.yaml",
        line: 21,
        says: /Can't resolve \$ref.*Point the `\$ref` at an existing file/s,
      },
    },
  ],
  [
    "a YAML syntax error",
    {
      edit: (at) =>
        replaceIn(
          at("components/schemas/errors/thing_missing.yaml"),
          "description: The thing does not exist.",
          "description: Missing: the thing does not exist.",
        ),
      want: {
        file: "components/schemas/errors/thing_missing.yaml",
        line: 2,
        says: /YAML syntax error.*Fix the indentation or quoting/s,
      },
    },
  ],
  [
    "a code with no status",
    {
      edit: (at) => replaceIn(at("components/schemas/errors/thing_missing.yaml"), "x-error-status: 404\n", ""),
      want: {
        file: "components/schemas/errors/thing_missing.yaml",
        line: 1,
        says: /"thing_missing" has no status.*Add `x-error-status/s,
      },
    },
  ],
  [
    "a status out of range",
    {
      edit: (at) =>
        replaceIn(at("components/schemas/errors/thing_missing.yaml"), "x-error-status: 404", "x-error-status: 200"),
      want: { file: "components/schemas/errors/thing_missing.yaml", line: 1, says: /has status 200/ },
    },
  ],
  [
    "a root without x-error-envelope",
    {
      edit: (at) => replaceIn(at("openapi.yaml"), "x-error-envelope:\n  code: /code\n  message: /message\n", ""),
      want: { file: "openapi.yaml", line: 0, says: /no `x-error-envelope`.*Add `x-error-envelope:`/s },
    },
  ],
];

describe("a broken spec", () => {
  it.each(broken)("%s fails with the file, the line and a fix", async (_name, { edit, want }) => {
    const { configPath, root } = await tinyProject(edit);
    const error = await produce({ configPath }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecProblem);
    const problem = error as SpecProblem;
    expect(problem.file).toBe(`${root}/openapi/tiny/${want.file}`);
    if (want.line > 0) expect(problem.line).toBe(want.line);
    expect(problem.message).toMatch(want.says);
  });
});

/** The tiny project with a second API, `other`, a copy of `tiny` in its own folder. */
async function twoApis(): Promise<{ root: string; configPath: string; at: (file: string) => string }> {
  const project = await tinyProject();
  const { root, configPath } = project;
  await cp(join(root, "openapi/tiny"), join(root, "openapi/other"), { recursive: true });
  await writeFile(configPath, `${await readFile(configPath, "utf8")}  other:\n    root: openapi/other/openapi.yaml\n`);
  return { ...project, at: (file) => join(root, file) };
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const BREAK_REF = ["errors/thing_missing.yaml", "errors/thing_mising.yaml"] as const;
const MEND_REF = ["errors/thing_mising.yaml", "errors/thing_missing.yaml"] as const;

describe("changedInputs and assertUnchanged", () => {
  it("name the files whose content is not what the run read, edited or deleted, sorted", async () => {
    const root = await mkdtemp(join(tmpdir(), "inputs-"));
    const [same, edited, gone] = ["c-same.yaml", "b-edited.yaml", "a-gone.yaml"].map((f) => join(root, f));
    await writeFile(same!, "same\n");
    await writeFile(edited!, "edited\n");
    const inputs = new Map([
      [same!, sha256("same\n")],
      [edited!, sha256("as read\n")],
      [gone!, sha256("was there\n")],
    ]);
    expect(await changedInputs(inputs)).toEqual([gone, edited]);
    const error = await assertUnchanged({ outcomes: [], inputs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputsChanged);
    expect(error).toMatchObject({
      name: "InputsChanged",
      files: [gone, edited],
      message: `${gone}, ${edited} changed while generating; nothing was written. Run again once the edits are saved.`,
    });
  });

  it("pass when every file is as the run read it", async () => {
    const root = await mkdtemp(join(tmpdir(), "inputs-"));
    await writeFile(join(root, "a.yaml"), "a\n");
    const inputs = new Map([[join(root, "a.yaml"), sha256("a\n")]]);
    expect(await changedInputs(inputs)).toEqual([]);
    await expect(assertUnchanged({ outcomes: [], inputs })).resolves.toBeUndefined();
  });
});

describe("filesOf and isComplete", () => {
  const file = (path: string): OutputFile => ({ path, content: "" });
  const ok = (api: string, ...paths: string[]): ApiOutcome => ({
    api,
    findings: [],
    sources: new Map(),
    files: paths.map(file),
  });
  const failed = (api: string): ApiOutcome => ({ api, findings: [], sources: new Map(), error: new Error("x") });

  it("gives every API's files and the shared ones, sorted by path", () => {
    const result = {
      outcomes: [ok("b", "b/2", "b/1"), failed("c"), ok("a", "a/1")],
      shared: [file("0")],
      inputs: new Map(),
    };
    expect(filesOf(result).map((f) => f.path)).toEqual(["0", "a/1", "b/1", "b/2"]);
    expect(filesOf({ outcomes: [ok("a", "a/1")], inputs: new Map() }).map((f) => f.path)).toEqual(["a/1"]);
  });

  it.each([
    ["every API fit and the shared files made", [ok("a"), ok("b")], [], true],
    ["no shared files", [ok("a"), ok("b")], undefined, false],
    ["one API not fit to write", [ok("a"), failed("b")], [], false],
    ["no API at all, and the shared files", [], [], true],
  ])("is complete with %s: %s", (_name, outcomes, shared, want) => {
    expect(isComplete({ outcomes, ...(shared ? { shared } : {}), inputs: new Map() })).toBe(want);
  });
});

describe("Pipeline", () => {
  it("takes .spectral.yaml beside redocly.yaml as the ruleset unless given one, both as absolute paths", async () => {
    const { root, configPath } = await tinyProject();
    expect(new Pipeline({ configPath }).configFiles).toEqual([configPath, join(root, ".spectral.yaml")]);
    const relative = { configPath, rulesetPath: "rules/ruleset.yaml" };
    expect(new Pipeline(relative).configFiles).toEqual([configPath, resolve("rules/ruleset.yaml")]);
  });

  it("records every file it read, the configuration and each spec file, with the hash of what it read", async () => {
    const { root, configPath } = await tinyProject();
    const result = await new Pipeline({ configPath }).run();
    const api = join(root, "openapi/tiny");
    const specFiles = [
      "components/schemas/Thing.yaml",
      "components/schemas/errors/thing_missing.yaml",
      "openapi.yaml",
      "paths/things_{id}.yaml",
    ].map((f) => join(api, f));
    const [outcome] = result.outcomes;
    expect(outcome!.findings).toEqual([]); // not linted
    expect([...outcome!.sources.keys()].sort()).toEqual(specFiles);
    for (const path of specFiles) expect(outcome!.sources.get(path)).toBe(sha256(await readFile(path, "utf8")));
    expect([...result.inputs.keys()].sort()).toEqual([join(root, ".spectral.yaml"), ...specFiles, configPath].sort());
    expect(result.inputs.get(configPath)).toBe(sha256(await readFile(configPath, "utf8")));
    // No ruleset: recorded as missing, so that it stays unchanged while missing, and an empty one is a change.
    expect(result.inputs.get(join(root, ".spectral.yaml"))).toBe("");
    expect(await changedInputs(result.inputs)).toEqual([]);
    await writeFile(join(root, ".spectral.yaml"), "");
    expect(await changedInputs(result.inputs)).toEqual([join(root, ".spectral.yaml")]);
  });

  it("runs only the APIs named, and makes the shared files once every API has read", async () => {
    const { configPath } = await twoApis();
    const pipeline = new Pipeline({ configPath });
    const first = await pipeline.run(["other"]);
    expect(pipeline.apis.map((api) => api.name)).toEqual(["other", "tiny"]);
    expect(first.outcomes.map((o) => o.api)).toEqual(["other"]);
    expect(first.outcomes[0]?.files?.map((f) => f.path)).toContain("generated/other/errors.json");
    expect(first.shared).toBeUndefined(); // tiny has never read
    expect(isComplete(first)).toBe(false);
    const all = await pipeline.run();
    expect(all.outcomes.map((o) => o.api)).toEqual(["other", "tiny"]);
    expect(all.shared?.map((f) => f.path)).toContain("generated/docs/index.html");
    expect(isComplete(all)).toBe(true);
  });

  it("gives an API that does not read its error and no files; the shared files use its last good read", async () => {
    const project = await twoApis();
    const pipeline = new Pipeline({ configPath: project.configPath });
    await replaceIn(project.at("openapi/tiny/paths/things_{id}.yaml"), ...BREAK_REF);
    const broken = await pipeline.run();
    const [other, tiny] = broken.outcomes;
    expect(tiny).toMatchObject({ api: "tiny", error: expect.any(SpecProblem) });
    expect(tiny).not.toHaveProperty("files");
    expect(tiny).not.toHaveProperty("contract");
    expect(other?.files).toBeDefined();
    expect(other?.contract?.name).toBe("other");
    expect(broken.shared).toBeUndefined(); // tiny has never read

    await replaceIn(project.at("openapi/tiny/paths/things_{id}.yaml"), ...MEND_REF);
    expect((await pipeline.run(["tiny"])).shared).toBeDefined();
    await replaceIn(project.at("openapi/tiny/paths/things_{id}.yaml"), ...BREAK_REF);
    const again = await pipeline.run(["tiny"]);
    expect(again.outcomes[0]?.error).toBeInstanceOf(SpecProblem);
    expect(again.shared?.map((f) => f.path)).toContain("generated/docs/index.html");
  });

  it("forgets an API taken out of redocly.yaml: put back broken, it has not read since", async () => {
    const project = await twoApis();
    const pipeline = new Pipeline({ configPath: project.configPath });
    const listed = await readFile(project.configPath, "utf8");
    expect((await pipeline.run()).shared).toBeDefined();
    await writeFile(project.configPath, listed.replace(/^ {2}other:\n.*\n/m, ""));
    const without = await pipeline.run();
    expect(without.outcomes.map((o) => o.api)).toEqual(["tiny"]);
    expect(without.shared).toBeDefined();
    await writeFile(project.configPath, listed);
    await replaceIn(project.at("openapi/other/paths/things_{id}.yaml"), ...BREAK_REF);
    expect((await pipeline.run()).shared).toBeUndefined();
  });

  it("reports the shared steps once each, as the API `all`, each no longer than the run", async () => {
    const { configPath } = await tinyProject();
    const steps: string[] = [];
    const times: number[] = [];
    const pipeline = new Pipeline({
      configPath,
      onStep: (api, step, ms) => {
        steps.push(`${api}:${step}`);
        times.push(ms);
      },
    });
    const started = performance.now();
    await pipeline.run();
    const took = performance.now() - started;
    expect(steps.filter((s) => s.startsWith("all:"))).toEqual(["all:docs", "all:apis"]);
    expect(steps.filter((s) => s.startsWith("tiny:"))).toEqual(
      expect.arrayContaining(["tiny:read spec", "tiny:bundle", "tiny:types", "tiny:docs", "tiny:apis"]),
    );
    for (const [i, ms] of times.entries()) {
      expect(ms, steps[i]).toBeGreaterThanOrEqual(0);
      expect(ms, steps[i]).toBeLessThanOrEqual(took);
    }
  });

  it("reads redocly.yaml again on a full run only: a run of named APIs keeps the list it had", async () => {
    const project = await twoApis();
    const pipeline = new Pipeline({ configPath: project.configPath });
    await pipeline.run();
    const listed = await readFile(project.configPath, "utf8");
    await writeFile(project.configPath, listed.replace(/^ {2}other:\n.*\n/m, ""));
    const named = await pipeline.run(["tiny"]);
    expect(pipeline.apis.map((api) => api.name)).toEqual(["other", "tiny"]);
    expect(named.inputs.get(project.configPath)).toBe(sha256(listed));
    await pipeline.run();
    expect(pipeline.apis.map((api) => api.name)).toEqual(["tiny"]);
  });

  it("makes the shared files through a full run from the last good read of an API that fails", async () => {
    const project = await twoApis();
    const pipeline = new Pipeline({ configPath: project.configPath });
    await pipeline.run();
    await replaceIn(project.at("openapi/tiny/paths/things_{id}.yaml"), ...BREAK_REF);
    const broken = await pipeline.run();
    expect(broken.outcomes.map((o) => o.error === undefined)).toEqual([true, false]);
    expect(broken.shared?.map((f) => f.path)).toContain("generated/docs/index.html");
  });

  it("throws when redocly.yaml cannot be read", async () => {
    const { root } = await tinyProject();
    await expect(new Pipeline({ configPath: join(root, "missing.yaml") }).run()).rejects.toThrow(/missing\.yaml/);
  });
});

describe("Pipeline with the lint", () => {
  /** One rule: an API's title must not match `title` (an error). */
  const ruleset = (title: string) => `rules:
  title-allowed:
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        notMatch: ${title}
`;

  it("lints each API, says which linter finished, and takes the edited ruleset at the next full run", async () => {
    const { root, configPath } = await tinyProject();
    await writeFile(join(root, ".spectral.yaml"), ruleset("Broken"));
    const linted: string[] = [];
    const onLinted = (api: string, linter: string) => void linted.push(`${api} ${linter}`);
    const pipeline = new Pipeline({ configPath, lint: { onLinted } });
    const clean = await pipeline.run();
    expect(linted.sort()).toEqual(["tiny redocly", "tiny spectral"]);
    expect(clean.outcomes[0]?.findings).toEqual([]);
    expect(isComplete(clean)).toBe(true);

    await writeFile(join(root, ".spectral.yaml"), ruleset("Tiny"));
    const [outcome] = (await pipeline.run()).outcomes;
    expect(outcome?.findings.map((f) => `${f.rule} ${f.severity} line ${f.line}`)).toEqual([
      "title-allowed error line 3",
    ]);
    expect(outcome).not.toHaveProperty("files");
    expect(outcome?.error).toBeUndefined();
  });
});
