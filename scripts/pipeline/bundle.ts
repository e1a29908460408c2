import { BaseResolver, bundle, getLineColLocation, parseYaml, YamlParseError, type Config } from "@redocly/openapi-core";
import type { OpenApiDocument } from "./openapi.js";
import { SpecProblem, throwIfAny } from "./problem.js";
import { yamlSyntaxProblem, type SourceFile } from "./sources.js";

export interface Bundled {
  readonly document: OpenApiDocument;
  /** Every file the bundler read. */
  readonly sources: readonly SourceFile[];
}

/**
 * Bundles one multi-file spec into a single document with internal `$ref`s only, through
 * Redocly's JavaScript API (one process for every API, no CLI start-up per step).
 */
export async function bundleApi(root: string, config: Config): Promise<Bundled> {
  const resolver = new BaseResolver(config.resolve);
  const result = await bundle({ ref: root, config, dereference: false, externalRefResolver: resolver });
  const sources: SourceFile[] = [];
  const syntax: SpecProblem[] = [];
  for (const [path, pending] of [...resolver.cache].sort(([a], [b]) => a.localeCompare(b))) {
    // A file that failed to load rejects; a missing file is reported by the bundler below.
    const file = await pending.catch((error: unknown) => error);
    if (file instanceof YamlParseError) syntax.push(yamlSyntaxProblem(path, file.source.body));
    // Parsed again because bundling rewrites the parsed root in place; js-yaml is the fast parser.
    else if (isDocument(file)) sources.push({ path, body: file.source.body, value: parseYaml(file.source.body) });
  }
  // A syntax error also surfaces as an unresolved $ref where the file is referenced; report the cause.
  throwIfAny(syntax);
  throwIfAny(result.problems.filter((p) => p.severity === "error").map((p) => toSpecProblem(p, root)));
  return { document: result.bundle.parsed as OpenApiDocument, sources };
}

function isDocument(value: unknown): value is { source: { body: string } } {
  return typeof value === "object" && value !== null && "parsed" in value && "source" in value;
}

function toSpecProblem(problem: Awaited<ReturnType<typeof bundle>>["problems"][number], root: string): SpecProblem {
  const where = problem.location[0];
  const line = where ? getLineColLocation(where).start.line : undefined;
  const missing = /Can't resolve \$ref|ENOENT/.test(problem.message);
  return new SpecProblem(
    where?.source.absoluteRef ?? root,
    line,
    problem.message.trim().replace(/([^.])$/, "$1."),
    missing ? "Point the `$ref` at an existing file (paths are relative to the file that holds the `$ref`)." : "Fix the spec where shown.",
  );
}
