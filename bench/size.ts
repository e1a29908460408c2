// Area 4: what a browser bundle pays. esbuild --bundle --minify, then gzip -9, of an entry
// that creates each API's client and handles one error, beside bare openapi-fetch.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, summarize, table, type Row } from "./harness.js";

/** What `npm pack` would install, in kB (the sum of its files' sizes), from the dist/ built already. */
function packedKb(): number {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  const [pack] = JSON.parse(out) as [{ unpackedSize: number }];
  return pack.unpackedSize / 1000;
}

/** The size of a folder's files, in kB: an installed package beside ours. */
function folderKb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1000;
}

const ENTRIES = {
  ittybit: `import { createIttybitClient } from "./generated/ittybit/index.js";
    const client = createIttybitClient({ apiKey: "k" });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "x" } } });
    if (error?.reason === "known" && error.kind === "task_not_found") console.log(error.docsUrl);`,
  willittrack: `import { createWillItTrackClient } from "./generated/willittrack/index.js";
    const client = createWillItTrackClient({});
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "x" } } });
    if (error?.reason === "known" && error.code === "not_found") console.log(error.docsUrl);`,
  bare: `import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "https://api.ittybit.com", headers: { Authorization: "Bearer k" } });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "x" } } });
    if (error) console.log(error.kind);`,
  typesOnly: `import type { IttybitErrorCode } from "./generated/ittybit/index.js";
    const code: IttybitErrorCode = "task_not_found"; console.log(code);`,
  catalogOnly: `import { ittybitErrors } from "./generated/ittybit/index.js";
    console.log(ittybitErrors.task_not_found.status);`,
} as const;

/** Minified and gzipped size of one entry, in kB, and whether the client's code is in it. */
async function measure(entry: string): Promise<{ kb: number; hasClient: boolean }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  // Which modules esbuild kept in the output (tree-shaken ones have no bytes in it).
  const kept = Object.values(result.metafile.outputs)[0]!.inputs;
  const hasClient = Object.entries(kept).some(
    ([input, { bytesInOutput }]) => bytesInOutput > 0 && /src\/client\/|openapi-fetch/.test(input),
  );
  return { kb: gzipSync(code, { level: 9 }).length / 1000, hasClient };
}

const fixed = (kb: number) => summarize([kb]);

export async function bundleSize(): Promise<string> {
  const sizes = Object.fromEntries(
    await Promise.all(Object.entries(ENTRIES).map(async ([k, v]) => [k, await measure(v)] as const)),
  );
  const bare = sizes.bare!.kb;
  // Installed: the package as `npm pack` makes it (no docs site: README, Docs), beside openapi-fetch and its helper.
  const fetchKb = ["openapi-fetch", "openapi-typescript-helpers"]
    .map((name) => folderKb(join(ROOT, "node_modules", name)))
    .reduce((a, b) => a + b, 0);
  const rows: Row[] = [
    {
      name: "installed package (npm pack, unpacked)",
      unit: "kB",
      ours: fixed(packedKb()),
      anchor: fixed(fetchKb),
      limit: 1000,
      note: "anchor: openapi-fetch and openapi-typescript-helpers as installed",
    },
    { name: "Ittybit client + one error", unit: "kB", ours: fixed(sizes.ittybit!.kb), anchor: fixed(bare), limit: 5 },
    {
      name: "WillItTrack client + one error",
      unit: "kB",
      ours: fixed(sizes.willittrack!.kb),
      anchor: fixed(bare),
      limit: 5,
    },
    {
      name: "types only (import type)",
      unit: "kB",
      ours: fixed(sizes.typesOnly!.kb),
      anchor: fixed(bare),
      note: `client code included: ${sizes.typesOnly!.hasClient ? "**yes**" : "no"}`,
    },
    {
      name: "catalog only",
      unit: "kB",
      ours: fixed(sizes.catalogOnly!.kb),
      anchor: fixed(bare),
      note: `client code included: ${sizes.catalogOnly!.hasClient ? "**yes**" : "no"}`,
    },
  ];
  return table(
    "4. Bundle size (esbuild --bundle --minify, gzip -9; sizes do not vary between runs)",
    "bare openapi-fetch",
    rows,
  );
}
