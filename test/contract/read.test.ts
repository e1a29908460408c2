// The reader's own edges: the list of APIs in redocly.yaml, the line of a node in a source file,
// a YAML syntax error told with the parser's line, and each problem of a multi-file spec moved
// to the file and line that hold it.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PRERENDER_LIMIT } from "../../scripts/contract/model.js";
import { SpecProblem, SpecProblems } from "../../scripts/contract/problem.js";
import { lineOf, readApis, readContracts, yamlSyntaxProblem } from "../../scripts/contract/read.js";
import { replaceIn, tinyProject } from "../pipeline/fixture.js";

async function config(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "apis-")), "redocly.yaml");
  await writeFile(path, text);
  return path;
}

const ONE_API = "apis:\n  a:\n    root: a.yaml\n";

describe("readApis", () => {
  it("lists the APIs sorted by name, with roots resolved from the config's folder", async () => {
    const path = await config("apis:\n  zeta:\n    root: z/openapi.yaml\n  alpha:\n    root: ./a/openapi.yaml\n");
    const dir = join(path, "..");
    expect(await readApis(path)).toEqual([
      { name: "alpha", root: join(dir, "a/openapi.yaml"), prerenderLimit: PRERENDER_LIMIT },
      { name: "zeta", root: join(dir, "z/openapi.yaml"), prerenderLimit: PRERENDER_LIMIT },
    ]);
  });

  it.each([0, 1, 5000])("gives every API the prerender limit x-docs sets: %i", async (limit) => {
    const path = await config(`apis:\n  a:\n    root: a.yaml\nx-docs:\n  prerender-limit: ${limit}\n`);
    expect((await readApis(path)).map((api) => api.prerenderLimit)).toEqual([limit]);
  });

  it.each([
    ["no apis key", "extends: []\n", /: No APIs are listed\. Add each API under `apis:` with its `root`\.$/],
    ["an empty apis map", "apis: {}\n", /No APIs are listed/],
    ["a list for apis", "apis:\n  - a\n", /No APIs are listed/],
    ["an API without root", "apis:\n  a:\n    root: 1\n", /: API "a" has no root\. Give it `root: openapi\/<api>/],
    ["an API that is no map", "apis:\n  a: x.yaml\n", /API "a" has no root/],
    ["a negative prerender limit", `${ONE_API}x-docs:\n  prerender-limit: -1\n`, /redocly\.yaml:5: `x-docs` is not/],
    ["a fractional prerender limit", `${ONE_API}x-docs:\n  prerender-limit: 1.5\n`, /a whole number of 0 or more/],
    ["x-docs that is no map", `${ONE_API}x-docs: 100\n`, /redocly\.yaml:4: `x-docs` is not understood/],
  ])("refuses %s", async (_name, text, says) => {
    await expect(readApis(await config(text))).rejects.toThrow(says);
  });
});

describe("lineOf", () => {
  const file = { body: "a: 1\nb:\n  c:\n    - x\n    - y\n" };
  it.each<[(string | number)[], number | undefined]>([
    [[], 1],
    [["b"], 3],
    [["b", "c", 1], 5],
    [["nope"], undefined],
  ])("finds %j on line %j", (path, line) => {
    expect(lineOf(file, path)).toBe(line);
  });
});

describe("yamlSyntaxProblem", () => {
  it("gives the parser's line and first sentence, without its full stop", () => {
    const problem = yamlSyntaxProblem("/x.yaml", "a: 1\nb: c: d\n");
    expect(problem).toMatchObject({ file: "/x.yaml", line: 2 });
    expect(problem.problem).toBe("YAML syntax error: Nested mappings are not allowed in compact mappings.");
    expect(problem.fix).toBe("Fix the indentation or quoting on that line (quote text that contains `: `).");
  });

  it("says the file is not valid YAML when the parser finds nothing wrong", () => {
    expect(yamlSyntaxProblem("/x.yaml", "a: 1\n")).toMatchObject({
      line: undefined,
      problem: "YAML syntax error: the file is not valid YAML.",
    });
  });
});

const MISSING = "components/schemas/errors/thing_missing.yaml";
const located: [string, (at: (file: string) => string) => Promise<void>, string, number | undefined, RegExp][] = [
  [
    "a $ref to a missing file, where the $ref is",
    (at) => replaceIn(at("paths/things_{id}.yaml"), "errors/thing_missing.yaml", "errors/thing_mising.yaml"),
    "paths/things_{id}.yaml",
    21,
    /Can't resolve \$ref.*\. Point the `\$ref` at an existing file/s,
  ],
  [
    "a YAML syntax error, at the parser's line",
    (at) => replaceIn(at(MISSING), "description: The thing", "description: Missing: the thing"),
    MISSING,
    2,
    /: YAML syntax error: .*Fix the indentation or quoting/s,
  ],
  [
    "a code's problem, in the file that defines the code",
    (at) => replaceIn(at(MISSING), "x-error-status: 404\n", ""),
    MISSING,
    1,
    /"thing_missing" has no status/,
  ],
  [
    "a code's problem, at its first definition by path, not at a later inline copy",
    async (at) => {
      await replaceIn(at(MISSING), "x-error-status: 404\n", "");
      await replaceIn(
        at("paths/things_{id}.yaml"),
        "            $ref: ../components/schemas/errors/thing_missing.yaml\n",
        "            oneOf:\n              - $ref: ../components/schemas/errors/thing_missing.yaml\n" +
          "              - properties:\n                  code:\n                    const: thing_missing\n",
      );
    },
    MISSING,
    1,
    /"thing_missing" has no status/,
  ],
  [
    "a root's problem, at its node",
    (at) => replaceIn(at("openapi.yaml"), "title: Tiny", "title: tiny"),
    "openapi.yaml",
    3,
    /info\.title "tiny" does not start/,
  ],
  [
    "a problem of the root's envelope, at its node",
    (at) =>
      replaceIn(
        at("openapi.yaml"),
        "x-error-envelope:\n  code: /code\n  message: /message\n",
        "x-error-envelope: /c\n",
      ),
    "openapi.yaml",
    7,
    /`x-error-envelope` is not a map of envelope fields/,
  ],
  [
    "a code defined twice, at the second definition's node",
    (at) =>
      replaceIn(
        at("openapi.yaml"),
        "    Thing:\n",
        "    again:\n      x-error-status: 404\n      properties:\n" +
          "        code:\n          const: thing_missing\n    Thing:\n",
      ),
    "openapi.yaml",
    18,
    /"thing_missing" is defined twice.*Define each code once/s,
  ],
  [
    "a problem of the whole root, without a line",
    (at) => replaceIn(at("openapi.yaml"), "x-error-envelope:\n  code: /code\n  message: /message\n", ""),
    "openapi.yaml",
    undefined,
    /no `x-error-envelope`/,
  ],
];

describe("readContracts", () => {
  it("bundles into one document with internal $refs only, Redocly's telemetry off", async () => {
    const { configPath } = await tinyProject();
    const [contract] = await readContracts(configPath);
    expect(process.env.REDOCLY_TELEMETRY).toBe("off");
    const refs = JSON.stringify(contract?.document).match(/"\$ref":"[^"]*"/g);
    expect(refs).toContain('"$ref":"#/components/schemas/thing_missing"');
    expect(refs?.every((ref) => ref.startsWith('"$ref":"#/'))).toBe(true);
  });

  it("reads a spec whose bundling only warns (two schemas of one name, one renamed)", async () => {
    const { configPath } = await tinyProject(async (at) => {
      await mkdir(at("other"));
      await writeFile(at("other/Thing.yaml"), "type: object\nproperties:\n  name:\n    type: string\n");
      await replaceIn(
        at("paths/things_{id}.yaml"),
        "    '404':\n",
        "    '201':\n      description: Another thing.\n      content:\n        application/json:\n" +
          "          schema:\n            $ref: ../other/Thing.yaml\n    '404':\n",
      );
    });
    const [contract] = await readContracts(configPath);
    expect(Object.keys(contract?.document.components.schemas ?? {})).toEqual(["thing_missing", "Thing", "Thing-2"]);
  });

  it("applies the decorators of redocly.yaml, a failing one told with its message and the generic fix", async () => {
    const { configPath, root } = await tinyProject(async (at) => {
      // A block scalar ends with a line break; the message shown is trimmed and ends with a full stop.
      const decorator = "  info-description-override:\n    filePath: ./openapi\n    message: |\n";
      await writeFile(
        at("../../redocly.yaml"),
        `apis:\n  tiny:\n    root: openapi/tiny/openapi.yaml\ndecorators:\n${decorator}      No description\n`,
      );
    });
    await expect(readContracts(configPath)).rejects.toMatchObject({
      file: `${root}/openapi/tiny/openapi.yaml`,
      line: 3,
      problem: "No description.",
      fix: "Fix the spec where shown.",
    });
  });

  it.each([
    ["a sound spec", undefined, "read"],
    [
      "a spec whose contract proves broken",
      (at: (file: string) => string) => replaceIn(at("openapi.yaml"), "Tiny", "tiny"),
      "refused",
    ],
  ])("tells onSources every file it read of %s, sorted", async (_name, edit, outcome) => {
    const { configPath, root } = await tinyProject(edit);
    const told: [string, string[]][] = [];
    const read = readContracts(configPath, { onSources: (api, files) => told.push([api, files.map((f) => f.path)]) });
    expect(
      await read.then(
        () => "read",
        (e: unknown) => (e instanceof SpecProblem ? "refused" : e),
      ),
    ).toBe(outcome);
    const files = ["components/schemas/errors/thing_missing.yaml", "components/schemas/Thing.yaml", "openapi.yaml"];
    expect(told).toEqual([["tiny", [...files, "paths/things_{id}.yaml"].map((f) => `${root}/openapi/tiny/${f}`)]]);
  });

  it("refuses an API not listed, saying what to use", async () => {
    const { configPath } = await tinyProject();
    await expect(readContracts(configPath, { only: "nope" })).rejects.toThrow(
      /: No API named "nope" is listed\. Use a name listed under `apis:`\.$/,
    );
  });
});

describe("readContracts locates", () => {
  it.each(located)("%s", async (_name, edit, file, line, says) => {
    const { configPath, root } = await tinyProject(edit);
    const thrown = await readContracts(configPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(SpecProblem);
    expect(thrown).toMatchObject({ file: `${root}/openapi/tiny/${file}`, line });
    expect((thrown as SpecProblem).message).toMatch(says);
  });

  it("every problem of one pass, each where it is", async () => {
    const { configPath, root } = await tinyProject(async (at) => {
      await replaceIn(at(MISSING), "x-error-status: 404\n", "");
      await writeFile(at("other.yaml"), "\n\ntype: object\nproperties:\n  code:\n    const: other\n");
      await replaceIn(at("openapi.yaml"), "    Thing:\n", "    other:\n      $ref: ./other.yaml\n    Thing:\n");
    });
    const thrown = await readContracts(configPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(SpecProblems);
    expect((thrown as SpecProblems).problems.map((p) => [p.file.slice(root.length), p.line, p.problem])).toEqual([
      [`/openapi/tiny/${MISSING}`, 1, 'Error code "thing_missing" has no status.'],
      ["/openapi/tiny/other.yaml", 3, 'Error code "other" has no status.'],
    ]);
  });
});
