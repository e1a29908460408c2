// `redocly build-docs` run in this process's worker: deterministic output, errors that say
// what went wrong, and a process that can still exit.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocs } from "../../scripts/docs/build-docs.js";
import { runBuildDocs, stopDocsWorker } from "../../scripts/docs/docs-worker.js";
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

  it("reports a document it cannot render, with Redocly's message and what it logged meanwhile", async () => {
    const rendering = buildDocs({ swagger: "1.0" } as unknown as OpenApiDocument, { title: "x" });
    const error = await rendering.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    const [message, ...log] = (error as Error).message.split("\n");
    expect(message).toBe("redocly build-docs failed: Unsupported OpenAPI version: 1.0");
    // The log (with this version, its banner about Redoc 3) follows on the next line, trimmed.
    expect(log.join("\n")).toMatch(/^\S[\s\S]*\S$/);
  }, 60_000);

  it("leaves nothing in the temporary folder, whether the page rendered or failed", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "build-docs-test-"));
    const saved = process.env.TMPDIR;
    // os.tmpdir() reads TMPDIR per call; this file's tests run one at a time.
    process.env.TMPDIR = tmp;
    try {
      await buildDocs(
        { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {}, components: {} },
        { title: "T" },
      );
      await buildDocs({ swagger: "1.0" } as unknown as OpenApiDocument, { title: "x" }).catch(() => {});
    } finally {
      // Assigning undefined would set the text "undefined".
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(await readdir(tmp)).toEqual([]);
    await rm(tmp, { recursive: true, force: true });
  }, 60_000);

  it("fails a render whose worker stops, instead of waiting for it forever", async () => {
    await stopDocsWorker();
    // A worker of its own, started by this render.
    const rendering = runBuildDocs({}, "redocly.yaml");
    await stopDocsWorker();
    await expect(rendering).rejects.toThrow(/^The build-docs worker stopped \(exit code \d+\)\.$/);
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
