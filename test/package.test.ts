// What a consumer gets: `npm pack` holds exactly the compiled package, and a fresh project
// that installs the tarball can import both APIs from plain Node and type-check against them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  if (!existsSync(join(root, "dist/generated/ittybit/index.js"))) {
    throw new Error("dist/ is missing: run `npm run generate` (it builds dist/) before `npm test`.");
  }
});

/** Runs the project's tsc on one consumer file; returns its diagnostics, empty when it compiles. */
function typeCheck(cwd: string, file: string): string {
  const tsc = resolve(root, "node_modules/typescript/bin/tsc");
  const args = ["--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", file];
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

describe("npm pack", () => {
  it("contains the compiled modules, declarations, catalogs and bundled specs, and no sources or tests", () => {
    const [pack] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], root)) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path);
    for (const api of ["ittybit", "willittrack"]) {
      expect(files).toEqual(expect.arrayContaining([
        `dist/generated/${api}/index.js`,
        `dist/generated/${api}/index.d.ts`,
        `dist/generated/${api}/errors.js`,
        `dist/generated/${api}/server.js`,
        `generated/${api}/errors.json`,
        `generated/${api}/openapi.yaml`,
      ]));
    }
    const unexpected = files.filter((f) => !/^(dist\/.*\.(js|d\.ts)|generated\/[^/]+\/(errors\.json|openapi\.yaml)|generated\/docs\/.*|package\.json|README\.md|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });
});

describe("a consumer project", () => {
  let consumer: string;

  beforeAll(async () => {
    consumer = await mkdtemp(join(tmpdir(), "consumer-"));
    const tarball = npm(["pack", "--ignore-scripts", "--pack-destination", consumer], root).trim().split("\n").pop()!;
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(consumer, tarball)], consumer);
  }, 120_000);

  it("imports both APIs from plain Node", () => {
    const script = `
      import { ittybitErrors, isIttybitErrorCode } from "api-error-contracts/ittybit";
      import { willItTrackErrors } from "api-error-contracts/willittrack";
      import catalog from "api-error-contracts/willittrack/errors.json" with { type: "json" };
      console.log(JSON.stringify([ittybitErrors.task_not_found.status, isIttybitErrorCode("nope"), willItTrackErrors.rate_limited.type, catalog.errors.length]));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([404, false, "invalid_request_error", 21]);
  });

  it("type-checks a consumer under tsc --strict", async () => {
    await writeFile(join(consumer, "use.ts"), `
      import { type WillItTrackErrorCode, willItTrackErrors } from "api-error-contracts/willittrack";
      import type { IttybitErrorBody } from "api-error-contracts/ittybit";
      const code: WillItTrackErrorCode = willItTrackErrors.not_found.code;
      const body: IttybitErrorBody<"task_not_found"> = { kind: "task_not_found", message: "gone" };
      export { code, body };
    `);
    expect(typeCheck(consumer, "use.ts")).toBe("");
    await writeFile(join(consumer, "wrong.ts"), `
      import type { WillItTrackErrorCode } from "api-error-contracts/willittrack";
      export const code: WillItTrackErrorCode = "no_such_code";
    `);
    expect(typeCheck(consumer, "wrong.ts")).toMatch(/wrong\.ts.*error TS2322.*"no_such_code"/);
  }, 60_000);

  it("builds and checks errors through the server subpaths", async () => {
    const script = `
      import { willItTrackError, checkWillItTrackResponse } from "api-error-contracts/willittrack/server";
      import { ittybitOperationError, checkIttybitResponse } from "api-error-contracts/ittybit/server";
      const e = willItTrackError("rate_limited", { retryAfterSeconds: 9, requestId: "req_1" });
      const bad = { ...ittybitOperationError("GET /tasks/{id}", "task_not_found"), status: 409 };
      console.log(JSON.stringify([e.status, e.headers["Retry-After"], e.body.error.request_id, checkWillItTrackResponse("GET /keys", e).length, checkIttybitResponse("GET /tasks/{id}", bad).map((v) => v.rule)]));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([429, "9", "req_1", 0, ["status-undeclared"]]);
    await writeFile(join(consumer, "server-wrong.ts"), `
      import { ittybitOperationError } from "api-error-contracts/ittybit/server";
      export const e = ittybitOperationError("GET /tasks/{id}", "run_not_found");
    `);
    expect(typeCheck(consumer, "server-wrong.ts")).toMatch(/server-wrong\.ts.*error TS2345.*"run_not_found"/);
  }, 60_000);
});
