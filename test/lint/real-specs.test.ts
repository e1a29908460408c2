import { describe, expect, it } from "vitest";
import { formatFinding, lintAll } from "../../scripts/lint/index.js";
import { readApis } from "../../scripts/contract/index.js";
import { configPath } from "./helpers.js";

describe("the real specs", () => {
  it("pass Spectral and Redocly with no errors and no warnings", async () => {
    const linted: string[] = [];
    const findings = await lintAll(configPath, { onProgress: (api, linter) => linted.push(`${api} ${linter}`) });
    expect(findings.map((f) => formatFinding(f))).toEqual([]);
    // Every API of redocly.yaml went through both linters: an empty result is not a skipped run.
    const apis = (await readApis(configPath)).map((api) => api.name);
    expect(linted.sort()).toEqual(apis.flatMap((api) => [`${api} redocly`, `${api} spectral`]).sort());
  });
});
