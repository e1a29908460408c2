// Area 1: `npm run generate` against the naive pipeline a user would wire from the tools'
// READMEs (per API, separate processes: redocly bundle, openapi-typescript, redocly
// build-docs, a catalog script), and a no-op regenerate against a full one.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { readApis } from "../scripts/contract/index.js";
import { alternate, table, timeMs, type Row } from "./harness.js";

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};
const run = (file: string, args: string[], cwd = root) => exec(file, args, { cwd, env, maxBuffer: 1 << 24 });

/** Our pipeline as users run it; `--force` skips the no-op shortcut. */
const ours =
  (...flags: string[]) =>
  () =>
    timeMs(() => run(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts", ...flags]));

/** The naive pipeline; with `lint`, it first runs both linters' CLIs, as ours lints in-process. */
const naive = (lint: boolean) => async (): Promise<number> => {
  const out = await mkdtemp(join(tmpdir(), "naive-"));
  try {
    const apis = await readApis(join(root, "redocly.yaml"));
    return await timeMs(async () => {
      if (lint) {
        await run(bin("spectral"), ["lint", "--fail-severity", "error", ...apis.map((a) => a.root)]);
        await run(bin("redocly"), ["lint"]);
      }
      // Run from an empty folder, as the tools' READMEs show, so that openapi-typescript does
      // not pick up the project's multi-API redocly.yaml.
      for (const api of apis) {
        const bundled = join(out, `${api.name}.yaml`);
        await run(bin("redocly"), ["bundle", api.root, "-o", bundled], out);
        await run(bin("openapi-typescript"), [bundled, "-o", join(out, `${api.name}.ts`)], out);
        await run(bin("redocly"), ["build-docs", bundled, "-o", join(out, `${api.name}.html`)], out);
        await run(
          process.execPath,
          [join(root, "bench/naive-catalog.mjs"), bundled, join(out, `${api.name}.json`)],
          out,
        );
      }
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
};

export async function generate(quick: boolean): Promise<string> {
  const runs = quick ? 1 : 2;
  await ours("--force")(); // warm the disk cache and leave the no-op record in place
  const rows: Row[] = [
    {
      name: "full generate (lint, bundle, types, catalog, client, docs; no tsc build) vs naive CLIs",
      unit: "ms",
      ...(await alternate(runs, ours("--force", "--no-build"), naive(false))),
      goal: 0.5,
      note:
        "ours also lints both specs (Spectral, Redocly) and renders offline docs with a generated Errors section; " +
        "this naive pipeline does neither",
    },
    {
      name: "the same vs naive CLIs that also lint (spectral lint, redocly lint)",
      unit: "ms",
      ...(await alternate(runs, ours("--force", "--no-build"), naive(true))),
      goal: 0.5,
    },
    {
      name: "no-op regenerate vs full regenerate (both with the dist/ build)",
      unit: "ms",
      ...(await (async () => {
        await ours("--force")(); // leaves the record of a full run with the build
        return alternate(runs, ours(), ours("--force"));
      })()),
      goal: 0.2,
    },
  ];
  return table("1. Generate, wall time", "anchor", rows);
}
