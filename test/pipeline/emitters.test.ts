// Each API step of `npm run generate` on its own, against the committed files under generated/:
// the drift gate (test/generated/drift.test.ts) step by step and without the docs site, so a
// change in one emitter is named by its step and found in seconds (the mutation runs rely on it).
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Contract, readContracts } from "../../scripts/contract/index.js";
import { decorate } from "../../scripts/pipeline/decorate.js";
import { apiEmitters, projectEmitters } from "../../scripts/pipeline/emitters.js";

const root = resolve(import.meta.dirname, "../..");
let contracts: Contract[];

beforeAll(async () => {
  contracts = await readContracts(resolve(root, "redocly.yaml"));
}, 60_000);

describe("the steps of npm run generate", () => {
  it("run per API in this order, then the docs site and the list of APIs once for all", () => {
    const steps = apiEmitters.map((e) => e.step);
    expect(steps).toEqual(["bundle", "types", "catalog", "client", "index", "server", "testing"]);
    expect(projectEmitters.map((e) => [e.step, typeof e.prepare])).toEqual([
      ["docs", "function"],
      ["apis", "undefined"],
    ]);
  });

  it("apis: writes the committed list of every API's tables, and nothing per API", async () => {
    const emitter = projectEmitters.find((e) => e.step === "apis")!;
    expect(await emitter.api(contracts[0]!)).toEqual([]);
    const [file, ...more] = await emitter.shared(contracts);
    expect(more).toEqual([]);
    expect(file!.path).toBe("generated/apis.ts");
    expect(file!.content).toBe(await readFile(join(root, "generated/apis.ts"), "utf8"));
    for (const { name } of contracts) expect(file!.content).toContain(`from "./${name}/errors.js"`);
  });

  it.each(apiEmitters.map((emitter) => [emitter.step, emitter] as const))(
    "%s: writes for each API exactly the committed files",
    async (_step, emitter) => {
      // Decorated here, as produce() does, not in beforeAll: decorate runs the catalog's operation
      // table, and a mutant that breaks it must fail this test, not the hook.
      for (const read of contracts) {
        const contract = { ...read, document: decorate(read) };
        const files = await emitter.emit(contract);
        expect(files.length, contract.name).toBeGreaterThan(0);
        for (const { path, content } of files) {
          expect(path.startsWith(`generated/${contract.name}/`), path).toBe(true);
          const committed = await readFile(join(root, path), "utf8");
          expect(typeof content === "string" ? content : Buffer.from(content).toString("utf8"), path).toBe(committed);
        }
      }
    },
  );
});
