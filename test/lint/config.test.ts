// The linters' config files cannot import, so they restate two facts; this holds them to the
// one definitions in src/http.js.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HTTP_METHODS, RETRY_AFTER_HEADER } from "../../src/http.js";
import { configPath, rulesetPath } from "./helpers.js";

describe("the linters' config", () => {
  it("aliases Spectral's operations with the one method list", async () => {
    const ruleset = parse(await readFile(rulesetPath, "utf8")) as { aliases: Record<string, string[]> };
    for (const alias of [...ruleset.aliases.Operation!, ...ruleset.aliases.OperationResponses!]) {
      expect(alias).toContain(`[${HTTP_METHODS.join(",")}]`);
    }
  });

  it("has Redocly require the one Retry-After header on a 429", async () => {
    const config = parse(await readFile(resolve(configPath), "utf8")) as {
      rules: Record<string, { names: Record<string, string[]> }>;
    };
    expect(config.rules["response-contains-header"]!.names["429"]).toEqual([RETRY_AFTER_HEADER]);
  });
});
