// How a command starts a worker thread on a module of its own: the compiled `.js` in the tree
// scripts/launch.mjs bundled (every file in THREADS is bundled with each command), or, from the
// TypeScript sources (a test), a data: URL that registers tsx (a development dependency) and then
// imports the `.ts`. The lint thread and the docs renderer's thread both start this way.
import { threadFile } from "./root.js";

/** What `new Worker(…)` runs for the thread module `source`, one of THREADS (`scripts/lint/lint-thread.ts`). */
export function threadEntry(source: string): URL {
  const file = threadFile(source);
  if (!file.pathname.endsWith(".ts")) return file;
  const code =
    `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}); register(); ` +
    `await import(${JSON.stringify(file.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
