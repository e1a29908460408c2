// The linters' config files cannot import, so they restate a fact; this holds them to the one
// definition in src/http.js.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HTTP_METHODS } from "../../src/http.js";
import { configPath, rulesetPath } from "./helpers.js";

describe("the linters' config", () => {
  it("aliases Spectral's operations with the one method list", async () => {
    const ruleset = parse(await readFile(rulesetPath, "utf8")) as { aliases: Record<string, string[]> };
    for (const alias of [...ruleset.aliases.Operation!, ...ruleset.aliases.OperationResponses!]) {
      expect(alias).toContain(`[${HTTP_METHODS.join(",")}]`);
    }
  });

  it("leaves Retry-After to Spectral, which follows each API's policy", async () => {
    const config = parse(await readFile(resolve(configPath), "utf8")) as { rules: Record<string, unknown> };
    expect(config.rules).not.toHaveProperty("response-contains-header");
  });
});
