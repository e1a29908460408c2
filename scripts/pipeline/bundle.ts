import { bundle, getLineColLocation, type Config } from "@redocly/openapi-core";
import { SpecProblem, throwIfAny } from "./problem.js";
import type { OpenApiDocument } from "./openapi.js";

/**
 * Bundles one multi-file spec into a single document with internal `$ref`s only, through
 * Redocly's JavaScript API (one process for every API, no CLI start-up per step).
 */
export async function bundleApi(root: string, config: Config): Promise<OpenApiDocument> {
  const result = await bundle({ ref: root, config, dereference: false });
  const problems = result.problems
    .filter((p) => p.severity === "error")
    .map((p) => {
      const where = p.location[0];
      const line = where ? getLineColLocation(where).start.line : undefined;
      const file = where?.source.absoluteRef ?? root;
      const missing = /Can't resolve \$ref|ENOENT/.test(p.message);
      return new SpecProblem(
        file,
        line,
        p.message.replace(/\s+$/, "") + (p.message.endsWith(".") ? "" : "."),
        missing ? "Point the `$ref` at an existing file (paths are relative to the file that holds the `$ref`)." : "Fix the spec where shown.",
      );
    });
  throwIfAny(problems);
  return result.bundle.parsed as OpenApiDocument;
}
