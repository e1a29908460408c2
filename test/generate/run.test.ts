// The pipeline end to end on a tiny fixture: what it produces, that it is deterministic, and
// that a broken spec fails with the file, the line and what to fix.
import { describe, expect, it } from "vitest";
import { SpecProblem } from "../../scripts/contract/index.js";
import { produce } from "../../scripts/generate/run.js";
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
