// The catalog step of the naive pipeline, as a user would write it next to the CLIs:
// read the bundled spec, keep the schemas that carry `x-error-status`, write JSON.
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const [input, output] = process.argv.slice(2);
const spec = parse(readFileSync(input, "utf8"));
const errors = Object.values(spec.components?.schemas ?? {})
  .filter((schema) => schema["x-error-status"])
  .map((schema) => ({ code: schema.title, status: schema["x-error-status"], description: schema.description }));
writeFileSync(output, JSON.stringify({ errors }, null, 2));
