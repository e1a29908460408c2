// The command behind `npm run verify`: checks traffic against the error contracts, recorded
// (`verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]`) or live through
// a checking proxy (`verify -- --proxy <upstream-url> [--api <name>] [--port <n>] [--har <out.har>]
// [--format table|json]`, until Ctrl-C); either with `--min-coverage <percent>`. Exit 0 when every
// checked response keeps its contract, 1 when one does not or the documented errors the traffic
// held are below --min-coverage, 2 for bad input (a file that is not HAR 1.2, a bad option, a spec
// that cannot be read).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { reaches, totalPercent } from "../../src/coverage/documented.js";
import type { CheckTables } from "../../src/kit/check.js";
import { policyOf, sameHeaderName } from "../../src/tables.js";
import { type Io, InputProblem } from "../command.js";
import { isSpecProblem } from "../contract/index.js";
import { readVerifiedApis, type VerifiedApi } from "./contracts.js";
import { jsonText, tableText } from "./format.js";
import { HarProblem, readHar } from "./har.js";
import { HarWriter, redactUrl } from "./har-writer.js";
import { startProxy } from "./proxy.js";
import { type Report, verifyEntries } from "./report.js";

const USAGE =
  "Usage: npm run verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]\n" +
  "   or: npm run verify -- --proxy <upstream-url> [--api <name>] [--port <n>] [--har <out.har>]\n" +
  "       [--format table|json]\n" +
  "   both with [--min-coverage <percent>]";

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      api: { type: "string" },
      server: { type: "string" },
      format: { type: "string", default: "table" },
      proxy: { type: "string" },
      port: { type: "string", default: "0" },
      har: { type: "string" },
      "min-coverage": { type: "string" },
    },
  });

type Options =
  | { readonly mode: "file"; readonly file: string; readonly api?: string; readonly server?: string }
  | {
      readonly mode: "proxy";
      readonly upstream: URL;
      readonly api?: string;
      readonly port: number;
      readonly har?: string;
    };

/** What both modes take: the output's format, and the coverage below which the run fails. */
interface Output {
  readonly format: "table" | "json";
  readonly minCoverage: number | undefined;
}

function parseOptions(argv: readonly string[]): Options & Output {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputProblem(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const { format, api } = values;
  if (format !== "table" && format !== "json")
    throw new InputProblem(`--format is "table" or "json", not "${format}".`);
  const named = { ...(api === undefined ? {} : { api }), minCoverage: minCoverageOf(values["min-coverage"]) };
  if (values.proxy !== undefined) {
    if (positionals.length > 0 || values.server !== undefined) {
      throw new InputProblem(`--proxy checks live traffic: give no HAR file and no --server.\n${USAGE}`);
    }
    return {
      mode: "proxy",
      format,
      ...named,
      upstream: upstreamOf(values.proxy),
      port: portOf(values.port),
      ...(values.har ? { har: values.har } : {}),
    };
  }
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new InputProblem(`Give exactly one HAR file.\n${USAGE}`);
  if (values.server !== undefined && api === undefined) {
    throw new InputProblem("--server replaces one API's server URL: name the API with --api.");
  }
  return { mode: "file", format, file, ...named, ...(values.server === undefined ? {} : { server: values.server }) };
}

function minCoverageOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = Number(text);
  if (text.trim() === "" || !(percent >= 0 && percent <= 100)) {
    throw new InputProblem(`--min-coverage takes a percentage from 0 to 100, not "${text}".`);
  }
  return percent;
}

function upstreamOf(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {}
  throw new InputProblem(
    `--proxy takes the upstream's http(s) URL, such as https://staging.example.com/v1, not "${text}".`,
  );
}

function portOf(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535)
    throw new InputProblem(`Not a port: "${text}". Use --port <0-65535>.`);
  return Number(text);
}

export async function verify(argv: readonly string[], io: Io): Promise<number> {
  try {
    const options = parseOptions(argv);
    return await (options.mode === "file" ? verifyFile(options, io) : proxy(options, io));
  } catch (error) {
    // A spec that cannot be read is bad input too; its message names the file and line.
    const bad = error instanceof HarProblem || error instanceof InputProblem || isSpecProblem(error);
    if (!bad) throw error;
    io.err((error as Error).message);
    return 2;
  }
}

async function verifyFile(options: Extract<Options, { mode: "file" }> & Output, io: Io): Promise<number> {
  const har = await readHar(resolve(options.file));
  io.err(`read ${options.file}: ${har.count} entries`);
  const apis = await readVerifiedApis(resolve(io.root, "redocly.yaml"), options.api);
  io.err(`read the contracts of ${apis.map((a) => a.name).join(", ")}`);
  const serverUrls = new Map(options.server === undefined ? [] : [[options.api!, options.server]]);
  return report(io, verifyEntries(apis, har, serverUrls), options);
}

/** Writes the report; the exit code: 1 when a response broke the contract or the coverage is below the minimum. */
async function report(io: Io, result: Report, { format, minCoverage }: Output): Promise<number> {
  await writeInBatches(io, format === "json" ? jsonText(result) : tableText(result));
  const covered = minCoverage === undefined || reaches(result.coverage, minCoverage);
  if (!covered) io.err(`coverage ${totalPercent(result.coverage)}% is below --min-coverage ${minCoverage}%`);
  return result.violations.length === 0 && covered ? 0 : 1;
}

/** The API the upstream serves: the one named, or the one whose server URL it is. */
function apiOf(apis: readonly VerifiedApi[], upstream: URL, named: string | undefined): VerifiedApi {
  if (named !== undefined) return apis[0]!;
  const serving = apis.filter((api) => {
    const server = URL.canParse(api.serverUrl) ? new URL(api.serverUrl) : undefined;
    return (
      server?.origin === upstream.origin &&
      upstream.pathname.replace(/\/+$/, "") === server.pathname.replace(/\/+$/, "")
    );
  });
  if (serving.length === 1) return serving[0]!;
  const names = apis.map((api) => api.name).join(", ");
  throw new InputProblem(`${upstream.origin} is no API's server URL: name the API with --api (one of ${names}).`);
}

/** The HAR file --har names; a folder that is missing or not writable is bad input (exit 2), not a stack. */
async function openHar(file: string): Promise<HarWriter> {
  return HarWriter.open(resolve(file)).catch((error: NodeJS.ErrnoException) => {
    const bad = ["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "EISDIR", "ELOOP", "ENAMETOOLONG"];
    if (!bad.includes(error.code ?? "")) throw error;
    throw new InputProblem(`Cannot write --har ${file} (${error.code}). Name a file in a folder that exists.`);
  });
}

async function proxy(options: Extract<Options, { mode: "proxy" }> & Output, io: Io): Promise<number> {
  const apis = await readVerifiedApis(resolve(io.root, "redocly.yaml"), options.api);
  const api = apiOf(apis, options.upstream, options.api);
  const har = options.har === undefined ? undefined : await openHar(options.har);
  const running = await startProxy({
    upstream: options.upstream,
    api,
    port: options.port,
    ...(har ? { har } : {}),
    onViolation: (v, exchange) => {
      const id = requestIdOf(api.tables, exchange.responseHeaders) ?? "no request id";
      io.out(`violation  ${v.operation} ${v.status} (${id})  ${v.rule}: ${v.message}`);
    },
    onUnreachable: (method, url, error) => io.err(`unreachable  ${method} ${redactUrl(url)}: ${error.message}`),
  }).catch(async (error: unknown) => {
    await har?.discard();
    // A port taken is bad input like a port misspelled: said so, exit 2, not a stack (as docs:serve does).
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    const fix = "Stop what listens there, or pick another port: --port <n> (0 for any free one).";
    throw new InputProblem(`Port ${options.port} is in use. ${fix}`);
  });
  io.err(`proxy      ${running.url} -> ${options.upstream.href} (${api.name}); Ctrl-C stops it and prints the summary`);
  await io.stopped();
  await running.close();
  const written = await har?.close();
  if (har) io.err(`wrote ${options.har}: ${written} entries`);
  return report(io, running.verification.report(), options);
}

/** The id in the API's request-id header, if it has one and the response sent it. */
function requestIdOf(tables: CheckTables, headers: readonly (readonly [string, string])[]): string | undefined {
  const { requestIdHeader } = policyOf(tables);
  return requestIdHeader === null ? undefined : headers.find(([name]) => sameHeaderName(name, requestIdHeader))?.[1];
}

/** Writes the pieces in batches of about 64 kB, waiting whenever the reader asks to. */
async function writeInBatches(io: Io, pieces: Iterable<string>): Promise<void> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < 1 << 16) continue;
    await io.write(batch);
    batch = "";
  }
  await io.write(batch);
}
