// What a consumer gets: `npm pack` holds exactly the compiled package, and a fresh project
// that installs the tarball can import both APIs from plain Node and type-check against them.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { inferredMark } from "../scripts/output.js";
import { API_NAMES, realContract } from "./support/contracts.js";
import { hoverIn } from "./support/hover.js";

const root = resolve(import.meta.dirname, "..");
const PACKAGE = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string }).name;
/**
 * The tests that run TypeScript on the installed package (tsc, and tsserver's hovers). What they
 * check depends on TypeScript, not on the Node that runs it: CI's second Node (RUNTIME_ONLY=1)
 * skips them, having run them on the first.
 */
const typeIt = process.env.RUNTIME_ONLY === "1" ? it.skip : it;
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  if (!existsSync(join(root, "dist/generated/ittybit/index.js"))) {
    throw new Error("dist/ is missing: run `npm run generate` (it builds dist/) before `npm test`.");
  }
});

/**
 * Type-checks consumer files with the project's TypeScript, as a consumer's `tsc --strict` would;
 * returns each file's diagnostics as tsc prints them, empty for a file that compiles. One program:
 * the package's types load once. The consumer's files and every file of the package are checked
 * whole; other declaration files (Node's, msw's and their dependencies') only as far as those use
 * them: checking them whole took most of the run and holds nothing of the package.
 */
function typeCheck(cwd: string, files: readonly string[], options: readonly string[] = []): Map<string, string> {
  // Later options win: `options` can name another module setting.
  const args = ["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext"];
  const parsed = ts.parseCommandLine([...args, ...options]);
  expect(parsed.errors).toEqual([]);
  // From the consumer's folder, as tsc run there: its own @types, not the project's.
  const compilerHost = { ...ts.createCompilerHost(parsed.options), getCurrentDirectory: () => cwd };
  const rootNames = files.map((file) => join(cwd, file));
  const program = ts.createProgram({ rootNames, options: parsed.options, host: compilerHost });
  const inPackage = (path: string) => path.includes(`/node_modules/${PACKAGE}/`);
  const checked = program
    .getSourceFiles()
    .filter((file) => !file.fileName.includes("/node_modules/") || inPackage(file.fileName));
  expect(checked.some((file) => inPackage(file.fileName))).toBe(true);
  const host = { getCanonicalFileName: (file: string) => file, getCurrentDirectory: () => cwd, getNewLine: () => "\n" };
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  expect(ts.formatDiagnostics(global, host)).toBe("");
  const byFile = new Map(files.map((file) => [file, ""]));
  for (const file of checked) {
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    const name = relative(cwd, file.fileName);
    // The package's own declarations must compile too: an error there is a consumer's error.
    if (!byFile.has(name)) expect(ts.formatDiagnostics(diagnostics, host)).toBe("");
    else byFile.set(name, ts.formatDiagnostics(diagnostics, host));
  }
  return byFile;
}

/** Consumer files that must compile, and files that must not, with the error each must get. */
const CONSUMER_FILES: Record<string, { code: string; error?: RegExp }> = {
  "use.ts": {
    code: `
      import { type WillItTrackErrorCode, willItTrackErrors } from "api-error-contracts/willittrack";
      import type { IttybitErrorBody } from "api-error-contracts/ittybit";
      const code: WillItTrackErrorCode = willItTrackErrors.not_found.code;
      const body: IttybitErrorBody<"task_not_found"> = { kind: "task_not_found", message: "gone" };
      export { code, body };
    `,
  },
  "wrong.ts": {
    code: `
      import type { WillItTrackErrorCode } from "api-error-contracts/willittrack";
      export const code: WillItTrackErrorCode = "no_such_code";
    `,
    error: /wrong\.ts.*error TS2322.*"no_such_code"/,
  },
  "server-wrong.ts": {
    code: `
      import { ittybitOperationError } from "api-error-contracts/ittybit/server";
      export const e = ittybitOperationError("GET /tasks/{id}", "run_not_found");
    `,
    error: /server-wrong\.ts.*error TS2345.*"run_not_found"/,
  },
  "kit.ts": {
    code: `
      import { createIttybitClient } from "api-error-contracts/ittybit";
      import { ittybitErrorResponse, mockIttybitFetch } from "api-error-contracts/ittybit/testing";
      const fetch = mockIttybitFetch({
        "GET /tasks/{id}": ["internal_error", 503, ittybitErrorResponse("GET /tasks/{id}", "task_not_found")],
      });
      export const client = createIttybitClient({ apiKey: "ittybit_test_key", fetch });
    `,
  },
  "kit-wrong.ts": {
    code: `
      import { ittybitErrorResponse } from "api-error-contracts/ittybit/testing";
      export const response = ittybitErrorResponse("GET /tasks/{id}", "run_not_found");
    `,
    error: /kit-wrong\.ts.*error TS2345.*"run_not_found"/,
  },
  "msw.ts": {
    code: `
      import { setupServer } from "msw/node";
      import { willItTrackErrorHandler } from "api-error-contracts/willittrack/testing/msw";
      export const server = setupServer(
        willItTrackErrorHandler("POST /checks", "rate_limited", { baseUrl: "http://localhost:1" }),
      );
    `,
  },
};

/** Two test files of a consumer's vitest suite, and the Ittybit errors they make the code handle. */
const COVERAGE_TESTS = {
  routes: `
    import { createIttybitClient } from "api-error-contracts/ittybit";
    import { mockIttybitFetch } from "api-error-contracts/ittybit/testing";
    test("routes and a sequence", async () => {
      const fetch = mockIttybitFetch({ "GET /tasks/{id}": ["task_not_found", 503, "internal_error"] });
      const client = createIttybitClient({ apiKey: "ittybit_test_key", fetch, retry: false });
      const get = () => client.GET("/tasks/{id}", { params: { path: { id: "t" } } });
      const kinds = [(await get()).error.kind, (await get()).error.kind, (await get()).error.kind];
      expect(kinds).toEqual(["task_not_found", "undocumented", "internal_error"]);
    });
  `,
  handlers: `
    import { setupServer } from "msw/node";
    import { createIttybitClient } from "api-error-contracts/ittybit";
    import { ittybitErrorHandler } from "api-error-contracts/ittybit/testing/msw";
    import { willItTrackErrorResponse } from "api-error-contracts/willittrack/testing";
    test("an MSW handler and a builder", async () => {
      const server = setupServer(ittybitErrorHandler("GET /events/{id}", "token_invalid"));
      server.listen({ onUnhandledRequest: "error" });
      const client = createIttybitClient({ apiKey: "ittybit_test_key", retry: false });
      const { error } = await client.GET("/events/{id}", { params: { path: { id: "e" } } });
      server.close();
      expect(error.kind).toBe("token_invalid");
      expect(willItTrackErrorResponse("GET /checks/{slug}", "not_found").status).toBe(404);
    });
  `,
  met: [
    { operation: "GET /tasks/{id}", status: 404, code: "task_not_found" },
    { operation: "GET /tasks/{id}", status: 503, code: null },
    { operation: "GET /tasks/{id}", status: 500, code: "internal_error" },
    { operation: "GET /events/{id}", status: 401, code: "token_invalid" },
  ],
};

describe("npm pack", () => {
  /** The paths `npm pack` would put in the package: one dry run for both tests. */
  let packed: string[];
  beforeAll(() => {
    const [pack] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], root)) as [
      { files: { path: string }[] },
    ];
    packed = pack.files.map((f) => f.path);
  });

  it("contains the compiled modules, declarations, catalogs and bundled specs, and no sources or tests", () => {
    const files = packed;
    expect(files).toEqual(expect.arrayContaining(["dist/bin/api-error-contracts.js", "dist/generated/apis.js"]));
    for (const api of API_NAMES) {
      expect(files).toEqual(
        expect.arrayContaining([
          `dist/generated/${api}/index.js`,
          `dist/generated/${api}/index.d.ts`,
          `dist/generated/${api}/errors.js`,
          `dist/generated/${api}/server.js`,
          `dist/generated/${api}/testing.js`,
          `dist/generated/${api}/testing.d.ts`,
          `dist/generated/${api}/testing-msw.js`,
          `generated/${api}/errors.json`,
          `generated/${api}/openapi.yaml`,
        ]),
      );
    }
    const unexpected = files.filter(
      (f) =>
        !new RegExp(
          String.raw`^(dist\/.*\.(js|d\.ts)|generated\/[^/]+\/(errors\.json|openapi\.yaml)` +
            String.raw`|package\.json|README\.md|LICENSE)$`,
        ).test(f),
    );
    expect(unexpected).toEqual([]);
    // The docs site (Redoc's script alone is 2 MB) is not the runtime's: the README says how to host it.
    expect(files.filter((f) => f.startsWith("generated/docs/"))).toEqual([]);
  });

  it("ships a README whose links all work from the package: https pages, or files it contains", () => {
    const files = new Set(packed);
    expect(files.has("README.md")).toBe(true);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)|href="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
    const broken = targets.filter(
      (t) => !t.startsWith("https://") && !files.has(t.replace(/^\.\//, "").split("#")[0]!),
    );
    expect(broken).toEqual([]);
    // Nothing a consumer cannot run: the repository's own scripts are for contributors.
    expect(readme).not.toMatch(/npm run (docs:serve|mock|verify|diff)\b/);
  });
});

describe("a consumer project", () => {
  let consumer: string;

  beforeAll(async () => {
    consumer = await mkdtemp(join(tmpdir(), "consumer-"));
    const tarball = npm(["pack", "--ignore-scripts", "--pack-destination", consumer], root).trim().split("\n").pop()!;
    await writeFile(
      join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    npm(
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(consumer, tarball)],
      consumer,
    );
  }, 120_000);

  it("imports both APIs from plain Node", () => {
    const script = `
      import { ittybitErrors, isIttybitErrorCode } from "api-error-contracts/ittybit";
      import { willItTrackErrors } from "api-error-contracts/willittrack";
      import catalog from "api-error-contracts/willittrack/errors.json" with { type: "json" };
      console.log(JSON.stringify([
        ittybitErrors.task_not_found.status,
        isIttybitErrorCode("nope"),
        willItTrackErrors.rate_limited.type,
        catalog.errors.length,
      ]));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: consumer,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([404, false, "invalid_request_error", 21]);
  });

  it("builds and checks errors through the server subpaths", async () => {
    const script = `
      import { willItTrackError, checkWillItTrackResponse } from "api-error-contracts/willittrack/server";
      import { ittybitOperationError, checkIttybitResponse } from "api-error-contracts/ittybit/server";
      const e = willItTrackError("rate_limited", { retryAfterSeconds: 9, requestId: "req_1" });
      const bad = { ...ittybitOperationError("GET /tasks/{id}", "task_not_found"), status: 409 };
      console.log(JSON.stringify([
        e.status,
        e.headers["Retry-After"],
        e.body.error.request_id,
        checkWillItTrackResponse("GET /keys", e).length,
        checkIttybitResponse("GET /tasks/{id}", bad).map((v) => v.rule),
      ]));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: consumer,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([429, "9", "req_1", 0, ["status-undeclared"]]);
  });

  it("uses the test kit from plain Node without msw, which only the msw subpath needs", () => {
    const script = `
      import { createWillItTrackClient } from "api-error-contracts/willittrack";
      import { mockWillItTrackFetch, willItTrackErrorResponse } from "api-error-contracts/willittrack/testing";
      const response = willItTrackErrorResponse("GET /checks/{slug}", "not_found", { requestId: "req_1" });
      const fetch = mockWillItTrackFetch({ "GET /checks/{slug}": "rate_limited" });
      const { error } = await createWillItTrackClient({ fetch, retry: false }).GET("/checks/{slug}", {
        params: { path: { slug: "a" } },
      });
      const msw = await import("api-error-contracts/willittrack/testing/msw").then(() => "loaded", (e) => e.code);
      console.log(JSON.stringify([
        response.status,
        response.headers.get("content-type"),
        error.reason,
        error.code,
        error.retryAfterMs,
        msw,
      ]));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: consumer,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([404, "application/json", "known", "rate_limited", 1000, "ERR_MODULE_NOT_FOUND"]);
  });

  typeIt("shows an assumed operation's mark on hover from the installed client, server and test kit", async () => {
    const contract = await realContract("willittrack");
    const op = contract.operations.find((o) => o.key === "GET /monitors")!;
    const hover = hoverIn(
      join(consumer, "hover.ts"),
      `
      import type { paths } from "api-error-contracts/willittrack";
      import { willItTrackSuccessStatuses as statuses } from "api-error-contracts/willittrack/server";
      import { mockWillItTrackFetch as mock } from "api-error-contracts/willittrack/testing";
      declare const types: paths;
      types["/monitors"];
      statuses["GET /monitors"];
      mock({ "GET /monitors": "network" });
      statuses["POST /checks"];
    `,
    );
    const shown = ['types["/monitors"]', 'statuses["GET /monitors"]', 'mock({ "GET /monitors"'].map(hover.docs);
    const mark = inferredMark(op.inferred!);
    // The path shows the marks of its operations; an operation's key shows its summary, then its mark.
    expect(shown).toEqual([mark, `${op.summary}. ${mark}`, `${op.summary}. ${mark}`]);
    const documented = contract.operations.find((o) => o.key === "POST /checks")!;
    expect(hover.docs('statuses["POST /checks"]')).toBe(`${documented.summary}.`);
  });

  typeIt("shows a call's error on hover by the API's own name for it", () => {
    const hover = hoverIn(
      join(consumer, "hover-error.ts"),
      `
      import { createIttybitClient } from "api-error-contracts/ittybit";
      const client = createIttybitClient({ apiKey: "k" });
      const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "t" } } });
      export const failed = error;
    `,
    );
    expect(hover.shown("failed")).toBe('const failed: IttybitApiError<"GET /tasks/{id}"> | undefined');
  });

  it("leaves the test kit out of a bundle that imports only the client", async () => {
    const { build } = await import("esbuild");
    const result = await build({
      stdin: { contents: `export { createIttybitClient } from "api-error-contracts/ittybit";`, resolveDir: consumer },
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      minify: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("createIttybitClient");
    expect(code).not.toContain("buildErrorResponse");
  });

  describe("with msw installed", () => {
    beforeAll(() => {
      const { devDependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      };
      npm(
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", `msw@${devDependencies.msw}`],
        consumer,
      );
    }, 120_000);

    it("intercepts the client's fetch with an MSW handler from plain Node", () => {
      const script = `
        import { setupServer } from "msw/node";
        import { createIttybitClient } from "api-error-contracts/ittybit";
        import { ittybitErrorHandler } from "api-error-contracts/ittybit/testing/msw";
        const server = setupServer(ittybitErrorHandler("GET /tasks/{id}", "task_not_found"));
        server.listen({ onUnhandledRequest: "error" });
        const { error } = await createIttybitClient({ apiKey: "ittybit_test_key", retry: false }).GET("/tasks/{id}", {
          params: { path: { id: "t1" } },
        });
        server.close();
        console.log(JSON.stringify([error.reason, error.status, error.kind]));
      `;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: consumer,
        encoding: "utf8",
      });
      expect(JSON.parse(out)).toEqual(["known", 404, "task_not_found"]);
    });

    it("records the errors of every vitest worker, threads and forks, for the bin's coverage report", async () => {
      await writeFile(join(consumer, "vitest.config.mjs"), "export default { test: { globals: true } };\n");
      await writeFile(join(consumer, "routes.test.mjs"), COVERAGE_TESTS.routes);
      await writeFile(join(consumer, "handlers.test.mjs"), COVERAGE_TESTS.handlers);
      const vitest = resolve(root, "node_modules/vitest/vitest.mjs");
      const bin = join(consumer, "node_modules/.bin/api-error-contracts");
      const report = (folder: string, ...args: string[]) =>
        JSON.parse(execFileSync(bin, ["coverage", folder, "--format", "json", ...args], { encoding: "utf8" }));
      for (const pool of ["threads", "forks"]) {
        const folder = join(consumer, `coverage-${pool}`);
        // Each run is a real vitest (about two seconds): the records must survive its workers' exit.
        const env = { ...process.env, API_ERROR_COVERAGE: folder };
        execFileSync(process.execPath, [vitest, "run", "--pool", pool, "--maxWorkers", "2"], {
          cwd: consumer,
          env,
          stdio: "pipe",
        });
        expect(readdirSync(folder).length, pool).toBeGreaterThanOrEqual(2);
        const { percent, apis } = report(folder, "--api", "ittybit");
        const [ittybit] = apis as { exercised: number; documented: number; missing: { operation: string }[] }[];
        expect(ittybit!.exercised, pool).toBe(4);
        const missing = ittybit!.missing.map((m) => JSON.stringify(m));
        for (const met of COVERAGE_TESTS.met) expect(missing, pool).not.toContain(JSON.stringify(met));
        expect(percent).toBe(Math.floor((4 / ittybit!.documented) * 1000) / 10);
        expect(report(folder).apis.map((a: { api: string; exercised: number }) => [a.api, a.exercised])).toEqual([
          ["ittybit", 4],
          ["willittrack", 1],
        ]);
      }
      const below = (() => {
        try {
          execFileSync(bin, ["coverage", join(consumer, "coverage-forks"), "--min", "90"], { stdio: "pipe" });
        } catch (error) {
          return error as { status: number; stderr: Buffer };
        }
      })();
      expect(below?.status).toBe(1);
      expect(String(below?.stderr)).toMatch(/^coverage [\d.]+% is below --min 90%$/m);
    }, 60_000);

    /** Writes `files` (of CONSUMER_FILES) into the consumer, runs tsc once, and expects each file's error or none. */
    async function expectDiagnostics(files: readonly string[], options?: readonly string[]): Promise<void> {
      for (const file of files) await writeFile(join(consumer, file), CONSUMER_FILES[file]!.code);
      const diagnostics = typeCheck(consumer, files, options);
      for (const file of files) {
        const { error } = CONSUMER_FILES[file]!;
        if (error) expect(diagnostics.get(file), file).toMatch(error);
        else expect(diagnostics.get(file), file).toBe("");
      }
    }

    typeIt(
      "type-checks the client, kits and MSW handlers under --strict, refusing what the contract forbids",
      () => expectDiagnostics(Object.keys(CONSUMER_FILES)),
      180_000,
    );

    // The README's supported settings: the subpath exports resolve under each, to the types they
    // name (a file that must not compile still fails: a type that did not resolve would be `any`).
    // The declarations were checked whole above, so these runs skip them: a second each, not six.
    typeIt.each([
      ["node16", "node16"],
      ["preserve", "bundler"],
    ])(
      "type-checks the files that compile with module %s, moduleResolution %s, and refuses the others",
      (module, resolution) =>
        expectDiagnostics(
          ["use.ts", "wrong.ts", "kit.ts", "kit-wrong.ts"],
          ["--module", module, "--moduleResolution", resolution, "--skipLibCheck"],
        ),
      180_000,
    );
  });
});
