// `redocly build-docs` run in this process's worker: deterministic output, errors that say
// what went wrong, and a process that can still exit.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../scripts/docs/build-docs.js";
import { stopDocsWorker } from "../../scripts/docs/docs-worker.js";
import { docsDocument } from "../../scripts/docs/docs-variant.js";
import { useLocalRedoc } from "../../scripts/docs/offline.js";
import type { OpenApiDocument } from "../../scripts/contract/index.js";
import { realContract, root } from "../support/contracts.js";

afterAll(() => stopDocsWorker());

describe("buildDocs", () => {
  it("renders the same page twice, byte for byte, with no timestamp or random id", async () => {
    const doc = docsDocument(await realContract("ittybit"));
    const [first, second] = [
      await buildDocs(doc, { title: "Ittybit API reference" }),
      await buildDocs(doc, { title: "Ittybit API reference" }),
    ];
    expect(second).toBe(first);
    expect(first).toContain("<title>Ittybit API reference</title>");
    expect(first).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
    expect(useLocalRedoc(first)).not.toMatch(/https:\/\/cdn\./);
  }, 60_000);

  it("reports a document it cannot render, with Redocly's message", async () => {
    await expect(buildDocs({ swagger: "1.0" } as unknown as OpenApiDocument, { title: "x" })).rejects.toThrow(
      /^redocly build-docs failed: /,
    );
  }, 60_000);

  it("does not keep the process alive once it is idle", async () => {
    const script = `import("./scripts/docs/build-docs.ts").then(async ({ buildDocs }) => {
  await buildDocs({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {} }, { title: "T" });
  console.log("rendered");
});`;
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, "--eval", script], {
      cwd: root,
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe("rendered");
  }, 60_000);
});
