// @ts-check
// Reads the contracts of every API listed in redocly.yaml: bundles each multi-file spec with
// Redocly's JavaScript API, builds its model, and locates any problem in the source file that
// holds it (file and line). Locating is all this file knows of problems; what counts as one
// is decided by contractOf.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { BaseResolver, bundle, getLineColLocation, loadConfig, parseYaml, YamlParseError } from "@redocly/openapi-core";
import { LineCounter, parse, parseDocument } from "yaml";
import { ConfinedResolver, REFUSED, refusal } from "./confined.js";
import { constAt, readEnvelope } from "./envelope.js";
import { contractOf, PRERENDER_LIMIT } from "./model.js";
import { isObject } from "./openapi.js";
import { SpecProblem, SpecProblems, throwIfAny } from "./problem.js";

/** @typedef {import("./model.js").Contract} Contract */
/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/**
 * @typedef {object} ApiEntry
 * @property {string} name its key under `apis:`
 * @property {string} root its root document, absolute
 * @property {number} prerenderLimit the most operations its Redoc page is rendered ahead for (`x-docs`)
 */

/** @typedef {{ path: string, body: string }} SourceFile one file of a spec as the bundler read it */

/**
 * The APIs listed under `apis:` in redocly.yaml (the one list of APIs), sorted by name.
 * @param {string} configPath
 * @returns {Promise<ApiEntry[]>}
 */
export async function readApis(configPath) {
  const body = await readFile(configPath, "utf8");
  const config = parse(body);
  const apis = Object.entries(isObject(config) && isObject(config.apis) ? config.apis : {});
  if (apis.length === 0) {
    throw new SpecProblem(configPath, undefined, "No APIs are listed.", "Add each API under `apis:` with its `root`.");
  }
  const prerenderLimit = readPrerenderLimit(config, configPath, body);
  return apis
    .map(([name, api]) => {
      if (!isObject(api) || typeof api.root !== "string") {
        const fix = "Give it `root: openapi/<api>/openapi.yaml`.";
        throw new SpecProblem(configPath, undefined, `API "${name}" has no root.`, fix);
      }
      return { name, root: resolve(dirname(configPath), api.root), prerenderLimit };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `x-docs: { prerender-limit: <operations> }`: above it, an API's Redoc page is rendered in the
 * browser rather than ahead of time, whose memory grows faster than the API.
 * @param {unknown} config
 * @param {string} configPath
 * @param {string} body the config's text
 */
function readPrerenderLimit(config, configPath, body) {
  const docs = isObject(config) ? config["x-docs"] : undefined;
  if (docs === undefined) return PRERENDER_LIMIT;
  const limit = isObject(docs) ? docs["prerender-limit"] : undefined;
  if (Number.isSafeInteger(limit) && /** @type {number} */ (limit) >= 0) return /** @type {number} */ (limit);
  const fix = "Give `x-docs: { prerender-limit: <operations> }`, a whole number of 0 or more (0: never ahead).";
  throw new SpecProblem(configPath, lineOf({ body }, ["x-docs"]), "`x-docs` is not understood.", fix);
}

/**
 * The contract of every API under `apis:` (or only the one named `only`), sorted by name.
 * Throws a SpecProblem (or SpecProblems) with the file and line of a broken spec.
 * `onSources` is told every file an API's spec was read from (its root and each file it
 * `$ref`s) with the text read, once bundled, even if the contract then proves broken: a
 * watcher maps an edited file to the APIs that read it, and a writer checks that no input
 * changed while it worked. `confined` is for a checkout that is someone else's (a git ref):
 * nothing is read from outside the config's folder or from the network, and no plugin of its
 * config runs.
 * @param {string} configPath redocly.yaml
 * @param {{ only?: string, onSources?: (api: string, files: SourceFile[]) => void, confined?: boolean }} [options]
 * @returns {Promise<Contract[]>}
 */
export async function readContracts(configPath, options = {}) {
  process.env.REDOCLY_TELEMETRY = "off";
  const apis = (await readApis(configPath)).filter((api) => options.only === undefined || api.name === options.only);
  if (apis.length === 0) {
    const problem = `No API named "${options.only}" is listed.`;
    throw new SpecProblem(configPath, undefined, problem, "Use a name listed under `apis:`.");
  }
  const folder = dirname(configPath);
  /** @type {(config?: ConstructorParameters<typeof BaseResolver>[0]) => BaseResolver} */
  const resolver = (config) => (options.confined ? new ConfinedResolver(folder, config) : new BaseResolver(config));
  if (options.confined) await refuseOutsideRoots(configPath, apis);
  const config = await loadConfig({
    configPath,
    ...(options.confined && { externalRefResolver: resolver(), skipPluginEval: true }),
  });
  if (options.confined && config.resolvedConfig.plugins?.length) {
    const problem = `It loads plugins (${config.resolvedConfig.plugins.join(", ")}): code that would run here.`;
    throw new SpecProblem(configPath, undefined, problem, "Read this checkout as a folder of your own instead.");
  }
  const contracts = [];
  for (const api of apis) contracts.push(await readContract(api, config, resolver, options.onSources));
  return contracts;
}

/**
 * @param {string} configPath
 * @param {readonly ApiEntry[]} apis
 */
async function refuseOutsideRoots(configPath, apis) {
  const body = await readFile(configPath, "utf8");
  throwIfAny(
    apis.flatMap(({ name, root }) => {
      const refused = refusal(dirname(configPath), root);
      if (!refused) return [];
      const fix = "Give a root inside the checkout, relative to redocly.yaml.";
      return [new SpecProblem(configPath, lineOf({ body }, ["apis", name, "root"]), `API "${name}" ${refused}`, fix)];
    }),
  );
}

/**
 * @param {ApiEntry} api
 * @param {import("@redocly/openapi-core").Config} config
 * @param {(config: import("@redocly/openapi-core").Config["resolve"]) => BaseResolver} resolver
 * @param {(api: string, files: SourceFile[]) => void} [onSources]
 * @returns {Promise<Contract>}
 */
async function readContract(api, config, resolver, onSources) {
  const { document, sources } = await bundleApi(api.root, config, resolver(config.resolve));
  onSources?.(api.name, sources);
  try {
    return contractOf(document, api);
  } catch (error) {
    if (error instanceof SpecProblem) throw locate(error, api.root, document, sources);
    if (!(error instanceof SpecProblems)) throw error;
    throw new SpecProblems(error.problems.map((p) => locate(p, api.root, document, sources)));
  }
}

/**
 * Bundles one multi-file spec into a single document with internal `$ref`s only.
 * @param {string} root
 * @param {import("@redocly/openapi-core").Config} config
 * @param {BaseResolver} resolver
 * @returns {Promise<{ document: object, sources: SourceFile[] }>}
 */
async function bundleApi(root, config, resolver) {
  const result = await bundle({ ref: root, config, dereference: false, externalRefResolver: resolver });
  /** @type {SourceFile[]} */
  const sources = [];
  /** @type {SpecProblem[]} */
  const syntax = [];
  for (const [path, pending] of [...resolver.cache].sort(([a], [b]) => a.localeCompare(b))) {
    // A file that failed to load rejects; a missing file is reported by the bundler below.
    const file = await pending.catch(/** @param {unknown} error */ (error) => error);
    if (file instanceof YamlParseError) syntax.push(yamlSyntaxProblem(path, file.source.body));
    else if (isObject(file) && "parsed" in file && isObject(file.source) && typeof file.source.body === "string") {
      sources.push({ path, body: file.source.body });
    }
  }
  // A syntax error also surfaces as an unresolved $ref where the file is referenced; report the cause.
  throwIfAny(syntax);
  throwIfAny(result.problems.filter((p) => p.severity === "error").map((p) => bundleProblem(p, root)));
  return { document: /** @type {object} */ (result.bundle.parsed), sources };
}

/**
 * @param {import("@redocly/openapi-core").NormalizedProblem} problem
 * @param {string} root
 */
function bundleProblem(problem, root) {
  const where = problem.location[0];
  const line = where ? getLineColLocation(where).start.line : undefined;
  const missing = /Can't resolve \$ref|ENOENT/.test(problem.message);
  const fix = problem.message.includes(REFUSED)
    ? "Point the `$ref` at a file inside the checkout by a relative path (no absolute path, URL or symbolic link)."
    : missing
      ? "Point the `$ref` at an existing file (paths are relative to the file that holds the `$ref`)."
      : "Fix the spec where shown.";
  const message = problem.message.trim().replace(/([^.])$/, "$1.");
  return new SpecProblem(where?.source.absoluteRef ?? root, line, message, fix);
}

/**
 * A problem of the bundled document, moved to the source file and line that hold its subject.
 * @param {SpecProblem} problem
 * @param {string} root
 * @param {object} document
 * @param {readonly SourceFile[]} sources
 */
function locate(problem, root, document, sources) {
  const subject = problem.subject;
  if (!subject) return problem;
  /** @type {{ file: SourceFile, path: JsonPath } | undefined} */
  let found;
  if ("path" in subject) {
    const file = sources.find((source) => source.path === root);
    found = file && subject.path.length > 0 ? { file, path: subject.path } : undefined;
  } else {
    const envelope = readEnvelope(document);
    const definitions = envelope ? sources.flatMap((file) => definitionsOf(file, subject.code, envelope.code)) : [];
    found = definitions[Math.min(subject.nth ?? 0, definitions.length - 1)];
  }
  if (!found) return problem;
  return new SpecProblem(found.file.path, lineOf(found.file, found.path), problem.problem, problem.fix);
}

/**
 * Where a file defines an error code: each schema with that `const` at the code's pointer.
 * @param {SourceFile} file
 * @param {string} code
 * @param {readonly string[]} pointer
 * @returns {{ file: SourceFile, path: JsonPath }[]}
 */
function definitionsOf(file, code, pointer) {
  /** @type {{ file: SourceFile, path: JsonPath }[]} */
  const found = [];
  /** @param {unknown} node @param {JsonPath} path */
  const visit = (node, path) => {
    if (Array.isArray(node))
      node.forEach((item, i) => {
        visit(item, [...path, i]);
      });
    else if (isObject(node)) {
      if (constAt(node, pointer) === code) found.push({ file, path });
      for (const [key, value] of Object.entries(node)) visit(value, [...path, key]);
    }
  };
  // Parsed again, only on this error path: bundling rewrote the parsed root in place. js-yaml
  // is the fast parser; a second parse of every file on every run cost time and memory.
  visit(parseYaml(file.body), []);
  return found;
}

/**
 * The 1-based line of the node at `path` in a file. Files are parsed a second time, with
 * positions, only here: on the error path, never on every run.
 * @param {Pick<SourceFile, "body">} file
 * @param {readonly (string | number)[]} path
 * @returns {number | undefined}
 */
export function lineOf(file, path) {
  const lines = new LineCounter();
  const doc = parseDocument(file.body, { lineCounter: lines });
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const range = /** @type {{ range?: [number, number, number] } | null | undefined} */ (node)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

/**
 * A YAML syntax error in one file, with the parser's own line and a fix.
 * @param {string} path
 * @param {string} body
 */
export function yamlSyntaxProblem(path, body) {
  const lines = new LineCounter();
  const error = parseDocument(body, { lineCounter: lines, prettyErrors: false }).errors[0];
  const line = error ? lines.linePos(error.pos[0]).line : undefined;
  const reason = error ? (error.message.split("\n")[0] ?? "").replace(/\.$/, "") : "the file is not valid YAML";
  const fix = "Fix the indentation or quoting on that line (quote text that contains `: `).";
  return new SpecProblem(path, line, `YAML syntax error: ${reason}.`, fix);
}
