// An API in another style than the vendors' (test/fixtures/quillmark: UPPER_SNAKE codes, its own
// `Request-Id` header, a docs link in every error body, one code on two statuses, an API key in
// a header, no Retry-After) added to a copy of the project as its README says: its folder under
// openapi/ and its entry in redocly.yaml, nothing else. Lint, generate, the per-API suite (package
// subpaths, kits, client over loopback) and verify then work for it, in-process through the
// commands' `main(argv, io)`. The copy lists the new API alone: the vendors' APIs are generated
// and checked by the drift gate and their own tests, and the whole pipeline over them would
// make this test take several times longer. It still takes about 10 s, most of it generate's
// first load of its steps (the lint thread, openapi-typescript, the docs renderer): the one
// test that runs the whole pipeline on an API of its own.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContracts, type Contract } from "../../scripts/contract/index.js";
import { generate } from "../../scripts/generate/cli.js";
import { lint } from "../../scripts/lint/cli.js";
import { verify } from "../../scripts/verify/cli.js";
import { capture } from "../support/io.js";
import { checkClient, checkKits, checkSubpaths, checkTestKits, generatedModules } from "../support/per-api.js";
import { copyProject, type Project } from "./project.js";

const API = "quillmark";
const FIXTURE = resolve(import.meta.dirname, "../fixtures", API);
const TIMEOUT = 60_000;

describe("a third API, added as one folder and one entry in redocly.yaml", () => {
  let project: Project;
  let contract: Contract;

  beforeAll(async () => {
    project = await copyProject();
    await cp(FIXTURE, project.at(`openapi/${API}`), { recursive: true });
    const config = await readFile(project.at("redocly.yaml"), "utf8");
    const entry = `apis:\n  ${API}:\n    root: openapi/${API}/openapi.yaml\n`;
    await writeFile(project.at("redocly.yaml"), config.replace(/^apis:\n( {2}.*\n| {4}.*\n)*/m, entry));
  }, TIMEOUT);
  afterAll(() => project?.remove());

  it(
    "lints clean with the repository's rulesets, which follow its x-error-policy",
    async () => {
      const io = capture(project.root);
      const code = await lint([], io);
      expect(io.text()).toMatch(new RegExp(`^${API} +spectral .*no findings$`, "m"));
      expect(code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "generates its modules, catalog and docs",
    async () => {
      const io = capture(project.root);
      expect(await generate(["--no-build"], io), io.text()).toBe(0);
      contract = (await readContracts(project.at("redocly.yaml")))[0]!;
      expect(contract.policy).toEqual({
        requestIdHeader: "Request-Id",
        codeFormat: "UPPER_SNAKE",
        retryAfterOn429: false,
      });
      expect(contract.auth).toEqual({ scheme: "apiKey", in: "header", name: "Quillmark-Key" });
      const catalog = JSON.parse(await readFile(project.at(`generated/${API}/errors.json`), "utf8"));
      expect(catalog.errors.find((e: { code: string }) => e.code === "AUTH_FAILED")).toMatchObject({
        status: 401,
        statuses: [401, 403],
      });
      const page = await readFile(project.at(`generated/docs/${API}/errors/RATE_LIMITED.html`), "utf8");
      expect(page).not.toContain("Retry-After");
    },
    TIMEOUT,
  );

  it("has each package subpath, with no edit to package.json", () => checkSubpaths(project.root, API));

  it("has kits whose responses carry the id in Request-Id, and a checker that holds it there", async () => {
    await checkKits(project.root, contract);
    const kit = await generatedModules(project.root, contract);
    for (const status of [401, 403]) {
      const built = kit.operationError("GET /notes", "AUTH_FAILED", { requestId: "r" });
      const listed = { ...built, status };
      expect(kit.check("GET /notes", listed)).toEqual([]);
    }
    const limited = kit.operationError("GET /notes", "RATE_LIMITED", { requestId: "r" });
    expect(Object.keys(limited.headers)).toEqual(["Content-Type", "Request-Id"]);
    expect(kit.check("GET /notes", limited)).toEqual([]);
  });

  it("has a mock fetch and MSW handlers for its client", async () => {
    await checkTestKits(project.root, contract);
  });

  it("has a client that sends its key in Quillmark-Key and reads Request-Id and the docs link", async () => {
    await checkClient(project.root, contract);
  });

  it(
    "is verified against its own header: a mismatched Request-Id is found, a 429 without Retry-After is not",
    async () => {
      const base = "https://api.quillmark.example/v1";
      const body = (code: string, requestId: string) =>
        JSON.stringify({
          error: { code, message: "m", requestId, docs: `https://docs.quillmark.example/errors/${code}` },
        });
      const entry = (path: string, status: number, headerId: string, text: string) => ({
        startedDateTime: "2026-01-01T00:00:00.000Z",
        time: 1,
        request: { method: "GET", url: `${base}${path}`, httpVersion: "HTTP/1.1", headers: [], queryString: [] },
        response: {
          status,
          statusText: "",
          httpVersion: "HTTP/1.1",
          headers: [
            { name: "Content-Type", value: "application/json" },
            { name: "Request-Id", value: headerId },
          ],
          content: { size: text.length, mimeType: "application/json", text },
        },
      });
      const har = {
        log: {
          version: "1.2",
          creator: { name: "test", version: "1" },
          entries: [
            entry("/notes", 429, "req_1", body("RATE_LIMITED", "req_1")),
            entry("/notes/note_1", 404, "req_2", body("NOTE_NOT_FOUND", "req_3")),
          ],
        },
      };
      const file = join(project.root, "traffic.har");
      await writeFile(file, JSON.stringify(har));
      const io = capture(project.root);
      const code = await verify([file, "--format", "json"], io);
      const report = JSON.parse(io.stdout()) as { violations: { rule: string; status: number }[] };
      expect(report.violations.map((v) => [v.status, v.rule])).toEqual([[404, "request-id-mismatch"]]);
      expect(code).toBe(1);
    },
    TIMEOUT,
  );
});
