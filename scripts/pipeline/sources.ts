import { LineCounter, parseDocument } from "yaml";
import { SpecProblem } from "./problem.js";

/** One file of a spec as the bundler read it. */
export interface SourceFile {
  readonly path: string;
  readonly body: string;
  readonly value: unknown;
}

/**
 * The 1-based line of the node at `path` (keys and indexes) in a file. Files are parsed a
 * second time, with positions, only here: on the error path, never on every run.
 */
export function lineOf(file: Pick<SourceFile, "body">, path: readonly (string | number)[]): number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(file.body, { lineCounter: lines });
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

/** A YAML syntax error in one file, with the parser's own line and a fix. */
export function yamlSyntaxProblem(path: string, body: string): SpecProblem {
  const lines = new LineCounter();
  const error = parseDocument(body, { lineCounter: lines, prettyErrors: false }).errors[0];
  const line = error ? lines.linePos(error.pos[0]).line : undefined;
  const reason = error ? error.message.split("\n")[0]!.replace(/\.$/, "") : "the file is not valid YAML";
  return new SpecProblem(path, line, `YAML syntax error: ${reason}.`, "Fix the indentation or quoting on that line (quote text that contains `: `).");
}
