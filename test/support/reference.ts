// The research notes on the two APIs (../shared/reference/ beside the repository, or
// REFERENCE_DIR), read at test time: every endpoint they list is tagged by how sure it is. Like
// the seeds, they are not part of the repository; the suites that need them skip without them.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { outsideFilesAvailable } from "./seeds.js";

export const REFERENCE_DIR = resolve(
  process.env.REFERENCE_DIR ?? resolve(import.meta.dirname, "../../../shared/reference"),
);
export const REFERENCE_NOTES = { ittybit: "ittybit-api.md", willittrack: "willittrack-api.md" } as const;

/** Whether the notes are there; prints why `suite` is skipped, or throws with REQUIRE_SEEDS=1. */
export function referenceAvailable(suite: string): boolean {
  const notes = Object.values(REFERENCE_NOTES);
  return outsideFilesAvailable(suite, "the research notes on the APIs", REFERENCE_DIR, "REFERENCE_DIR", notes);
}

/** `DOC` for what the vendor documents (prose or example), `INFER` for the notes' own guess. */
export type Tag = "DOC" | "INFER";

/** What the notes say of an operation (`GET /keys`) or of a whole path (`/keys`), and where. */
export interface EndpointTag {
  readonly target: string;
  readonly tag: Tag;
  readonly line: string;
}

/**
 * A statement of the notes in prose, quoted exactly. It tags the operations and paths written in
 * backticks in the quote (`GET/POST /automations`, `/keys`), or those `covers` names.
 */
export interface Statement {
  readonly quote: string;
  readonly covers?: readonly string[];
}

export interface NotesOfApi {
  /** The heading (its start) of the section whose endpoint tables describe the spec's generation. */
  readonly section: string;
  /** The path prefix the notes write and the spec's server URL holds (`/v1`). */
  readonly basePath: string;
  readonly statements: readonly Statement[];
}

/**
 * Every tag the notes give an endpoint: each row of an endpoint table in `section`
 * (`| GET | /tasks | … | [DOC] … |`), INFER when the row says [INFER] anywhere (its method, its
 * path or what it does is a guess), else DOC when it says [DOC] or [DOC-EX]; a row whose first
 * cell names a resource (`(monitors)`) tags its path. Then each statement, which must be in the
 * notes word for word and carry one kind of tag.
 */
export function endpointTags(api: keyof typeof REFERENCE_NOTES, notes: NotesOfApi): EndpointTag[] {
  const text = readFileSync(resolve(REFERENCE_DIR, REFERENCE_NOTES[api]), "utf8");
  const path = (raw: string) => normalize(raw, notes.basePath);
  const tags: EndpointTag[] = [];
  for (const line of sectionLines(text, notes.section)) {
    const cells = line.startsWith("| ") ? line.split("|").map((cell) => cell.trim()) : [];
    const method = /^\(?([A-Z]+)\??\)?$/.exec(cells[1] ?? "")?.[1];
    const raw = /\/[^\s`|)]*/.exec(cells[2] ?? "")?.[0];
    const tag = tagOf(line, "any");
    if (raw === undefined || tag === undefined || (method === undefined && !/^\(.+\)$/.test(cells[1]!))) continue;
    tags.push({ target: method === undefined ? path(raw) : `${method} ${path(raw)}`, tag, line });
  }
  for (const { quote, covers } of notes.statements) {
    if (!text.includes(quote)) throw new Error(`The ${api} notes no longer say: ${quote}`);
    const tag = tagOf(quote, "one");
    if (tag === undefined) throw new Error(`This statement of the ${api} notes has no single tag: ${quote}`);
    const targets = covers ?? backticked(quote).map(({ methods, raw }) => ({ methods, path: path(raw) }));
    for (const target of targets) {
      if (typeof target === "string") tags.push({ target, tag, line: quote });
      else if (target.methods.length === 0) tags.push({ target: target.path, tag, line: quote });
      else for (const m of target.methods) tags.push({ target: `${m} ${target.path}`, tag, line: quote });
    }
  }
  return tags;
}

function sectionLines(text: string, heading: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) throw new Error(`The notes have no section "${heading}".`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** INFER wins in a table row (`"any"`); a statement must hold one kind only (`"one"`). */
function tagOf(text: string, mode: "any" | "one"): Tag | undefined {
  const infer = text.includes("[INFER]");
  const doc = text.includes("[DOC]") || text.includes("[DOC-EX]");
  if (mode === "one" && infer && doc) return undefined;
  return infer ? "INFER" : doc ? "DOC" : undefined;
}

/** `` `GET/PATCH /things/{id}` `` and `` `/things` `` in a quote: their methods and path. */
function backticked(quote: string): { methods: string[]; raw: string }[] {
  return [...quote.matchAll(/`(?:([A-Z]+(?:\/[A-Z]+)*) )?(\/[^`\s]*)`/g)].map((m) => ({
    methods: m[1]?.split("/") ?? [],
    raw: m[2]!,
  }));
}

/** A path as the spec writes it: without the base path, `{id}` for `:id`. */
function normalize(raw: string, basePath: string): string {
  const path = basePath !== "" && raw.startsWith(`${basePath}/`) ? raw.slice(basePath.length) : raw;
  return path.replace(/:(\w+)/g, "{$1}");
}
