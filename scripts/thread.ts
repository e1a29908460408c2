// How a command starts a worker thread on a module of its own: the compiled `.js` beside the
// caller when it runs from the tree scripts/launch.mjs compiles, or, from the TypeScript sources
// (a test), a data: URL that registers tsx (a development dependency) and then imports the `.ts`.
// The lint thread and the docs renderer's thread both start this way.

/**
 * What `new Worker(…)` runs for the thread module `name` (no extension) beside the module at
 * `moduleUrl` (the caller's `import.meta.url`).
 */
export function threadEntry(name: string, moduleUrl: string): URL {
  const fromSources = moduleUrl.endsWith(".ts");
  const file = new URL(`./${name}.${fromSources ? "ts" : "js"}`, moduleUrl);
  if (!fromSources) return file;
  const code =
    `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}); register(); ` +
    `await import(${JSON.stringify(file.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
