// `npm run docs:serve [-- --port <n>]`: serves generated/docs/ on 127.0.0.1 and prints the URL.
// Port 4173 unless PORT or --port says otherwise; a free one when 4173 is taken, and an error
// when the port asked for is taken.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { serveStatic, type StaticServer } from "./docs/static-server.js";
import { ROOT } from "./root.js";

const root = resolve(ROOT, "generated/docs");
const flag = process.argv.indexOf("--port");
const asked = flag >= 0 ? (process.argv[flag + 1] ?? "") : process.env.PORT;
const port = Number(asked ?? 4173);

async function start(): Promise<StaticServer> {
  try {
    return await serveStatic(root, port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    if (asked !== undefined) {
      const fix =
        "Stop what listens there, or pick another port: npm run docs:serve -- --port <n> (0 for any free one).";
      console.error(`Port ${port} is in use. ${fix}`);
      process.exit(2);
    }
    console.log(`Port ${port} is in use; using a free one.`);
    return serveStatic(root, 0);
  }
}

if ((asked !== undefined && !/^\d+$/.test(asked)) || port > 65535) {
  console.error(`Not a port: "${asked}". Use --port <0-65535>.`);
  process.exit(2);
}
if (!existsSync(resolve(root, "index.html"))) {
  console.error("generated/docs/index.html is missing; run `npm run generate` first.");
  process.exit(1);
}
const server = await start();
const pages = (await readdir(root)).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
console.log(`Docs at ${server.url}`);
for (const page of pages) console.log(`  ${server.url}${page}`);
console.log("Ctrl+C stops the server.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
