import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { SpecProblem, throwIfAny } from "./problem.js";

export interface SourceFile {
  readonly path: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly value: unknown;
}

async function listYaml(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Parses every YAML file of one API, so a syntax error is reported with its own file and line
 * (the bundler only says that a `$ref` could not be parsed).
 */
export async function readSources(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const problems: SpecProblem[] = [];
  for (const path of await listYaml(dir)) {
    const lines = new LineCounter();
    const doc = parseDocument(await readFile(path, "utf8"), { lineCounter: lines, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const line = lines.linePos(error.pos[0]).line;
      problems.push(new SpecProblem(path, line, `YAML syntax error: ${firstLine(error.message)}.`, "Fix the indentation or quoting on that line (quote text that contains `: `)."));
      continue;
    }
    files.push({ path, doc, lines, value: doc.toJS() });
  }
  throwIfAny(problems);
  return files;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/\s+at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

/** The 1-based line of the node at `path` (keys and indexes) in a parsed file. */
export function lineOf(file: SourceFile, path: readonly (string | number)[]): number | undefined {
  const node = file.doc.getIn(path, true);
  const range = (isScalar(node) || isMap(node) ? node.range : undefined) ?? (node as { range?: [number] } | undefined)?.range;
  return range ? file.lines.linePos(range[0]).line : undefined;
}
