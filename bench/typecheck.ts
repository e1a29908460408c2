// Area 5: what the types cost a consumer's compiler. A fixture of N calls that narrow and
// switch over errors, through our client and through bare openapi-fetch on the same spec;
// `tsc --noEmit --extendedDiagnostics` reports instantiations and check time.
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { ittybitOperationErrors } from "../generated/ittybit/index.js";
import { alternate, ROOT, table, type Row } from "./harness.js";

const run = promisify(execFile);
const dir = join(ROOT, "bench/.typecheck");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const OPERATIONS = [
  ["/tasks/{id}", "{ params: { path: { id } } }"],
  ["/runs/{id}", "{ params: { path: { id } } }"],
  ["/automations/{id}", "{ params: { path: { id } } }"],
  ["/events/{id}", "{ params: { path: { id } } }"],
  ["/tasks", "{}"],
] as const;

function knownKinds(path: string): string[] {
  const statuses = ittybitOperationErrors[`GET ${path}` as keyof typeof ittybitOperationErrors];
  return [...new Set(Object.values(statuses).flatMap((s) => [...s.codes]))].sort();
}

function fixture(style: "ours" | "bare", calls: number): string {
  const head =
    style === "ours"
      ? [
          `import { createIttybitClient } from "../../generated/ittybit/index.js";`,
          `const client = createIttybitClient({ apiKey: "k" });`,
          "",
        ].join("\n")
      : [
          `import createClient from "openapi-fetch";`,
          `import type { paths } from "../../generated/ittybit/index.js";`,
          `const client = createClient<paths>({ baseUrl: "https://api.ittybit.com" });`,
          "",
        ].join("\n");
  const fns = Array.from({ length: calls }, (_, i) => {
    const [path, init] = OPERATIONS[i % OPERATIONS.length]!;
    const cases = knownKinds(path)
      .map((k) => `      case ${JSON.stringify(k)}: return ${JSON.stringify(k)};`)
      .join("\n");
    const handle =
      style === "ours"
        ? [
            `    if (error.reason !== "known") return error.message;`,
            "    switch (error.kind) {",
            cases,
            "      default: return assertNever(error);",
            "    }",
          ].join("\n")
        : `    switch (error.kind) {\n${cases}\n      default: return error.message;\n    }`;
    return [
      `export async function call${i}(id: string): Promise<string> {`,
      `  const { data, error } = await client.GET(${JSON.stringify(path)}, ${init});`,
      "  if (error) {",
      handle,
      "  }",
      "  return JSON.stringify(data);",
      "}",
    ].join("\n");
  });
  const assertNever = "function assertNever(value: never): never { throw new Error(String(value)); }";
  return `${head}${assertNever}\n\n${fns.join("\n\n")}\n`;
}

async function check(file: string): Promise<{ instantiations: number; checkMs: number }> {
  // --allowJs: the runtime's sources include src/http.js (typed by JSDoc, shared with the lint);
  // the published package ships its declaration instead.
  const args = [
    "--noEmit",
    "--extendedDiagnostics",
    "--strict",
    "--skipLibCheck",
    "--allowJs",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2022",
    "--lib",
    "es2022,dom",
    "--types",
    "node",
    file,
  ];
  const { stdout } = await run(process.execPath, [TSC, ...args], { cwd: dir, maxBuffer: 1 << 22 }).catch(
    (e: { stdout?: string }) => {
      throw new Error(`the ${file} fixture does not compile:\n${e.stdout ?? e}`);
    },
  );
  const read = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(stdout)?.[1]);
  return { instantiations: read("Instantiations"), checkMs: read("Check time") * 1000 };
}

export async function typeCheckCost(quick: boolean): Promise<string> {
  const calls = quick ? 5 : 50;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "ours.ts"), fixture("ours", calls));
  await writeFile(join(dir, "bare.ts"), fixture("bare", calls));
  // The same modules with no calls: what importing costs, to tell the calls' own cost apart.
  await writeFile(join(dir, "ours-empty.ts"), fixture("ours", 0));
  await writeFile(join(dir, "bare-empty.ts"), fixture("bare", 0));
  const imports = {
    ours: (await check("ours-empty.ts")).instantiations,
    bare: (await check("bare-empty.ts")).instantiations,
  };
  const instantiations = { ours: 0, bare: 0 };
  const measure = (style: "ours" | "bare") => async () => {
    const result = await check(`${style}.ts`);
    instantiations[style] = result.instantiations; // the same on every run
    return result.checkMs;
  };
  const time = await alternate(quick ? 1 : 3, measure("ours"), measure("bare"));
  const fixed = (n: number) => ({ median: n, min: n, max: n });
  const rows: Row[] = [
    {
      name: "instantiations",
      unit: "",
      ours: fixed(instantiations.ours),
      anchor: fixed(instantiations.bare),
      goal: 1.5,
    },
    {
      name: "instantiations of the calls alone (less the imports')",
      unit: "",
      ours: fixed(instantiations.ours - imports.ours),
      anchor: fixed(instantiations.bare - imports.bare),
      note: `imports alone: ${imports.ours} (ours), ${imports.bare} (bare)`,
    },
    { name: "check time", unit: "ms", ...time, goal: 1.5 },
  ];
  await rm(dir, { recursive: true, force: true });
  return table(`5. Type-check cost of ${calls} calls that narrow and switch over errors`, "bare openapi-fetch", rows);
}
