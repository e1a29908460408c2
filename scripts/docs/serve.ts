// The command behind `npm run docs:serve [-- --port <n>]`: serves generated/docs/ on 127.0.0.1
// and prints the URL, until stopped. Port 4173 unless PORT or --port says otherwise; a free one
// when 4173 is taken, and an error when the port asked for is taken.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { Io } from "../command.js";
import { serveStatic, type StaticServer } from "./static-server.js";

const DEFAULT_PORT = 4173;

/** The port asked for (`--port`, else PORT), or undefined for none; a value that is no port is a message. */
function askedPort(argv: readonly string[]): { asked?: number; problem?: string } {
  const flag = argv.indexOf("--port");
  const raw = flag >= 0 ? (argv[flag + 1] ?? "") : process.env.PORT;
  if (raw === undefined) return {};
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) return { problem: `Not a port: "${raw}". Use --port <0-65535>.` };
  return { asked: Number(raw) };
}

export async function serveDocs(argv: readonly string[], io: Io): Promise<number> {
  const root = resolve(io.root, "generated/docs");
  const { asked, problem } = askedPort(argv);
  if (problem) {
    io.err(problem);
    return 2;
  }
  if (!existsSync(resolve(root, "index.html"))) {
    io.err("generated/docs/index.html is missing; run `npm run generate` first.");
    return 1;
  }
  const server = await start(root, asked, io);
  if (!server) return 2;
  const pages = (await readdir(root)).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
  io.out(
    [`Docs at ${server.url}`, ...pages.map((page) => `  ${server.url}${page}`), "Ctrl+C stops the server."].join("\n"),
  );
  await io.stopped();
  await server.close();
  return 0;
}

async function start(root: string, asked: number | undefined, io: Io): Promise<StaticServer | undefined> {
  const port = asked ?? DEFAULT_PORT;
  try {
    return await serveStatic(root, port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    if (asked !== undefined) {
      const fix =
        "Stop what listens there, or pick another port: npm run docs:serve -- --port <n> (0 for any free one).";
      io.err(`Port ${port} is in use. ${fix}`);
      return undefined;
    }
    io.out(`Port ${port} is in use; using a free one.`);
    return serveStatic(root, 0);
  }
}
