// The package build as generate runs it, in process: what `tsc -p` would emit and report.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProject } from "../../scripts/pipeline/build.js";

const CONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "NodeNext",
    declaration: true,
    outDir: "dist",
    incremental: true,
    tsBuildInfoFile: "dist/.tsbuildinfo",
    types: [],
  },
  include: ["src"],
};

async function project(source: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "build-"));
  await writeFile(join(root, "tsconfig.build.json"), JSON.stringify(CONFIG));
  await writeFile(join(root, "package.json"), '{ "type": "module" }');
  await mkdir(join(root, "src"));
  await writeFile(join(root, "src/index.ts"), source);
  return root;
}

describe("buildProject", () => {
  it("emits JavaScript, declarations and the incremental state, and reports nothing", async () => {
    const root = await project("export const answer: number = 42;\n");
    expect(buildProject(root, "tsconfig.build.json")).toEqual({ ok: true, report: "" });
    expect(await readFile(join(root, "dist/index.js"), "utf8")).toContain("export const answer = 42;");
    expect(await readFile(join(root, "dist/index.d.ts"), "utf8")).toContain("export declare const answer: number;");
    expect(JSON.parse(await readFile(join(root, "dist/.tsbuildinfo"), "utf8"))).toHaveProperty("version");
  });

  it("fails on a type error, with tsc's file, line, column and code", async () => {
    const root = await project('export const one = 1;\nexport const answer: number = "42";\n');
    const built = buildProject(root, "tsconfig.build.json");
    expect(built.ok).toBe(false);
    expect(built.report).toMatch(/^src\/index\.ts\(2,14\): error TS2322: Type 'string' is not assignable/m);
  });

  it("reports each error on a line of its own, as tsc prints them to a pipe", async () => {
    const root = await project('export const one: number = "1";\nexport const two: string = 2;\n');
    const built = buildProject(root, "tsconfig.build.json");
    expect(built.ok).toBe(false);
    expect(built.report.split("\n")).toEqual([
      expect.stringMatching(
        /^src\/index\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/,
      ),
      expect.stringMatching(
        /^src\/index\.ts\(2,14\): error TS2322: Type 'number' is not assignable to type 'string'\.$/,
      ),
      "",
    ]);
  });

  it("reads a project's references as tsc -p does: one not built yet fails the build", async () => {
    const root = await project('import { one } from "../lib/src/one.js";\nexport const answer: number = one;\n');
    const lib = { compilerOptions: { ...CONFIG.compilerOptions, composite: true }, include: ["src"] };
    await mkdir(join(root, "lib/src"), { recursive: true });
    await writeFile(join(root, "lib/tsconfig.json"), JSON.stringify(lib));
    await writeFile(join(root, "lib/src/one.ts"), "export const one = 1;\n");
    await writeFile(join(root, "tsconfig.build.json"), JSON.stringify({ ...CONFIG, references: [{ path: "./lib" }] }));
    const built = buildProject(root, "tsconfig.build.json");
    expect(built.ok).toBe(false);
    expect(built.report).toMatch(
      /error TS6305: Output file '.*lib\/dist\/src\/one\.d\.ts' has not been built from source/,
    );
  });

  it("names a file outside the project relative to the project, as tsc does", async () => {
    const outside = await mkdtemp(join(tmpdir(), "outside-"));
    await writeFile(join(outside, "x.ts"), 'export const x: number = "x";\n');
    const root = await project(`export { x } from "../../${basename(outside)}/x.js";\n`);
    const built = buildProject(root, "tsconfig.build.json");
    expect(built.ok).toBe(false);
    expect(built.report).toMatch(new RegExp(`^\\.\\./${basename(outside)}/x\\.ts\\(1,14\\): error TS2322: `, "m"));
  });

  it("fails on a config it cannot read, saying which", async () => {
    const root = await project("export {};\n");
    const built = buildProject(root, "missing.json");
    expect(built.ok).toBe(false);
    expect(built.report).toMatch(/error TS5083: Cannot read file '.*missing\.json'/);
  });
});
