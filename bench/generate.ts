// Area 1: `npm run generate` against the naive pipeline a user would wire from the tools'
// READMEs (per API, separate processes: redocly bundle, openapi-typescript, redocly
// build-docs, a catalog script), and a no-op regenerate against a full one.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { readApis } from "../scripts/pipeline/apis.js";
import { alternate, table, timeMs, type Row } from "./harness.js";

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_UPDATE_NOTIFIER: "1" };
const run = (file: string, args: string[]) => exec(file, args, { cwd: root, env, maxBuffer: 1 << 24 });

/** Our pipeline as users run it; `--force` skips the no-op shortcut. */
const ours = (...flags: string[]) => () => timeMs(() => run(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts", ...flags]));

async function naive(): Promise<number> {
  const out = await mkdtemp(join(tmpdir(), "naive-"));
  try {
    const apis = await readApis(join(root, "redocly.yaml"));
    return await timeMs(async () => {
      for (const api of apis) {
        const bundled = join(out, `${api.name}.yaml`);
        await run(bin("redocly"), ["bundle", api.root, "-o", bundled]);
        await run(bin("openapi-typescript"), [bundled, "-o", join(out, `${api.name}.ts`)]);
        await run(bin("redocly"), ["build-docs", bundled, "-o", join(out, `${api.name}.html`)]);
        await run(process.execPath, [join(root, "bench/naive-catalog.mjs"), bundled, join(out, `${api.name}.json`)]);
      }
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export async function generate(quick: boolean): Promise<string> {
  const runs = quick ? 1 : 3;
  await ours("--force")(); // warm the disk cache and leave the no-op record in place
  const rows: Row[] = [
    {
      name: "full generate (lint, bundle, types, catalog, client, docs; no tsc build) vs naive CLIs",
      unit: "ms",
      ...(await alternate(runs, ours("--force", "--no-build"), naive)),
      goal: 0.5,
      note: "ours also lints both specs with Spectral and Redocly and renders offline docs; the naive pipeline does neither",
    },
    {
      name: "no-op regenerate vs full regenerate (both with the dist/ build)",
      unit: "ms",
      ...(await alternate(runs, ours(), ours("--force"))),
      goal: 0.2,
    },
  ];
  return table("1. Generate, wall time", "anchor", rows);
}
