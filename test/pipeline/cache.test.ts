// The no-op shortcut: a regenerate may skip work only when every input and every output is
// exactly as the last full run left them.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD, isUpToDate, record } from "../../scripts/pipeline/cache.js";

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cache-"));
  await mkdir(join(root, "openapi/a"), { recursive: true });
  await mkdir(join(root, "generated/a"), { recursive: true });
  await writeFile(join(root, "openapi/a/openapi.yaml"), "openapi: 3.1.0\n");
  await writeFile(join(root, "redocly.yaml"), "apis: {}\n");
  await writeFile(join(root, "generated/a/errors.ts"), "export {};\n");
  await mkdir(join(root, "src"));
  await mkdir(join(root, "scripts"));
  return root;
}

const outputs = ["generated"];

describe("generate cache", () => {
  const cases: [string, { after: (root: string) => Promise<void>; want: boolean }][] = [
    ["nothing changed", { after: async () => {}, want: true }],
    [
      "a spec edited",
      { after: (root) => writeFile(join(root, "openapi/a/openapi.yaml"), "openapi: 3.1.1\n"), want: false },
    ],
    ["a spec added", { after: (root) => writeFile(join(root, "openapi/a/extra.yaml"), "{}\n"), want: false }],
    // The runtime under src/ goes into dist/: an edit there must rebuild it.
    [
      "a runtime source edited",
      { after: (root) => writeFile(join(root, "src/client.ts"), "export {};\n"), want: false },
    ],
    ["a script edited", { after: (root) => writeFile(join(root, "scripts/emit.ts"), "export {};\n"), want: false }],
    [
      "redocly.yaml edited",
      { after: (root) => writeFile(join(root, "redocly.yaml"), "apis: { b: {} }\n"), want: false },
    ],
    [
      "a generated file edited by hand",
      { after: (root) => writeFile(join(root, "generated/a/errors.ts"), "export const x = 1;\n"), want: false },
    ],
    ["a generated file deleted", { after: (root) => rm(join(root, "generated/a/errors.ts")), want: false }],
  ];

  it.each(cases)("%s", async (_name, { after, want }) => {
    const root = await project();
    await record(root, outputs);
    await after(root);
    expect(await isUpToDate(root, outputs)).toBe(want);
  });

  it.each([
    ["a runtime source", "src/client.ts"],
    ["a generated file", "generated/a/errors.ts"],
    ["tsconfig.build.json", "tsconfig.build.json"],
  ])("holds the build to its own inputs: %s edited means a build", async (_name, file) => {
    const root = await project();
    await mkdir(join(root, "dist"), { recursive: true });
    await writeFile(join(root, "dist/index.js"), "export {};\n");
    await record(root, BUILD.outputs, undefined, BUILD);
    expect(await isUpToDate(root, BUILD.outputs, BUILD)).toBe(true);
    // A spec is no input of the build.
    await writeFile(join(root, "openapi/a/openapi.yaml"), "openapi: 3.1.1\n");
    expect(await isUpToDate(root, BUILD.outputs, BUILD)).toBe(true);
    await writeFile(join(root, file), "// edited\n");
    expect(await isUpToDate(root, BUILD.outputs, BUILD)).toBe(false);
  });

  it("does not take a run that wrote generated/ alone for one that also built a dist/ that is missing", async () => {
    const root = await project();
    await record(root, outputs);
    expect(await isUpToDate(root, outputs)).toBe(true);
    expect(await isUpToDate(root, ["generated", "dist"])).toBe(false);
    await record(root, ["generated", "dist"]);
    expect(await isUpToDate(root, ["generated", "dist"])).toBe(true);
    expect(await isUpToDate(root, outputs)).toBe(false);
  });

  it("is not up to date before any full run", async () => {
    expect(await isUpToDate(await project(), outputs)).toBe(false);
  });
});
