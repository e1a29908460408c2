// What every API of a project must give its users, checked the same way for each: its package
// subpaths, its test kit and server kit agreeing on every declared code, and its client over
// loopback reading those codes, its request id and its vendor's docs link, and sending its key
// as the API's security scheme says. test/apis.test.ts runs it for every API in redocly.yaml;
// test/commands/third-api.test.ts for an API added to a copy of the project. Nothing here names
// an API: everything comes from the contract model and the API's generated modules.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setupServer } from "msw/node";
import { expect } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { policyOf, valueAt } from "../../src/tables.js";

/** The package subpaths every API has, as a consumer imports them (`<api>` for the API's name). */
export const API_SUBPATHS = [
  "./<api>",
  "./<api>/server",
  "./<api>/testing",
  "./<api>/testing/msw",
  "./<api>/errors.json",
  "./<api>/openapi.yaml",
] as const;

type Exports = Record<string, string | Record<string, string>>;

/** The file a subpath of the package resolves to, by Node's rules for `*` patterns (the longest key wins). */
export function resolveExport(exports: Exports, subpath: string): string | undefined {
  const exact = exports[subpath];
  const target = (value: string | Record<string, string>) => (typeof value === "string" ? value : value.default);
  if (exact !== undefined) return target(exact);
  const matches = Object.keys(exports)
    .filter((key) => key.includes("*"))
    .flatMap((key) => {
      const [head = "", tail = ""] = key.split("*");
      const fits = subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= head.length + tail.length;
      return fits ? [{ key, star: subpath.slice(head.length, subpath.length - tail.length) }] : [];
    })
    .sort((a, b) => b.key.length - a.key.length);
  const best = matches[0];
  return best && target(exports[best.key]!)?.replaceAll("*", best.star);
}

/** Each subpath of the API with the file it resolves to, which must exist (compiled, or its generated source). */
export function checkSubpaths(root: string, api: string): void {
  const { exports } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Exports };
  for (const subpath of API_SUBPATHS.map((s) => s.replace("<api>", api))) {
    const file = resolveExport(exports, subpath);
    expect(file, subpath).toBeDefined();
    const source = file!.replace(/^\.\/dist\//, "./").replace(/\.js$/, ".ts");
    expect(existsSync(join(root, file!)) || existsSync(join(root, source)), `${subpath} -> ${file}`).toBe(true);
  }
}

/** The API's generated modules, loaded from the project at `root`. */
export async function generatedModules(root: string, contract: Contract) {
  const load = (file: string) => import(pathToFileURL(join(root, "generated", contract.name, file)).href);
  const [index, testing, server, msw] = await Promise.all(
    ["index.ts", "testing.ts", "server.ts", "testing-msw.ts"].map(load),
  );
  const { typeName: T, valueName: v } = contract;
  type Call = (path: string, init: object) => Promise<{ error?: Record<string, unknown> }>;
  return {
    createClient: index[`create${T}Client`] as (options: object) => Record<string, Call>,
    errorResponse: testing[`${v}ErrorResponse`] as (op: string, error: string | number, init?: object) => Response,
    operationError: server[`${v}OperationError`] as (op: string, error: string | number, init?: object) => Built,
    check: server[`check${T}Response`] as (op: string, response: object) => { rule: string }[],
    mockFetch: testing[`mock${T}Fetch`] as (
      routes: object,
      options?: object,
    ) => (request: Request) => Promise<Response>,
    mswHandler: msw[`${v}ErrorHandler`] as (op: string, error: string | number, init?: object) => never,
  };
}

type Built = { status: number; headers: Record<string, string>; body: unknown };

/** `init` with a request id where the API's errors carry one; the kits refuse an id where there is none. */
function withRequestId(contract: Contract, requestId: string): { requestId?: string } {
  return contract.carriesRequestId ? { requestId } : {};
}

/** Every operation with each catalog code it declares. */
function declaredCodes(contract: Contract): [string, string][] {
  return contract.operations.flatMap((op) =>
    [...new Set(op.errors.flatMap((e) => e.codes))].map((code): [string, string] => [op.key, code]),
  );
}

/**
 * The server kit's response for every declared code keeps the contract by its own checker, has a
 * status the code is sent with, and carries the body's request id in the API's own header.
 */
export async function checkKits(root: string, contract: Contract): Promise<void> {
  const kit = await generatedModules(root, contract);
  const { requestIdHeader } = policyOf(contract.tables);
  for (const [operation, code] of declaredCodes(contract)) {
    const built = kit.operationError(operation, code, withRequestId(contract, "req_per_api"));
    const where = `${operation} ${code}`;
    expect(contract.catalog.find((e) => e.code === code)!.statuses, where).toContain(built.status);
    expect(kit.check(operation, built), where).toEqual([]);
    if (contract.envelope.requestId && requestIdHeader) {
      expect(valueAt(built.body, contract.envelope.requestId), where).toBe("req_per_api");
      const header = Object.entries(built.headers).find(
        ([name]) => name.toLowerCase() === requestIdHeader.toLowerCase(),
      );
      if (header) expect(header[1], where).toBe("req_per_api");
      const mismatch = { ...built, headers: { ...built.headers, [requestIdHeader]: "req_other" } };
      expect(
        kit.check(operation, mismatch).map((v) => v.rule),
        where,
      ).toContain("request-id-mismatch");
    }
  }
}

/** A loopback server that answers each request with the next response given, and records what it got. */
async function serve(responses: Response[]) {
  const received: IncomingHttpHeaders[] = [];
  const urls: string[] = [];
  const server = createServer(async (request, reply) => {
    received.push(request.headers);
    urls.push(request.url ?? "");
    const response = responses.shift() ?? new Response("no more answers", { status: 599 });
    reply.writeHead(response.status, Object.fromEntries(response.headers));
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    urls,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A path for an operation's path template, each parameter a plain value. */
const concretePath = (path: string): string => path.replace(/\{[^}]+\}/g, "x1");

/**
 * The client over loopback: each code one operation declares comes back `known`, with the body's
 * request id, the vendor's docs link when the envelope has one, and the key sent as the API's
 * security scheme says; a page that is not the envelope still gets the id from the API's header.
 */
export async function checkClient(root: string, contract: Contract): Promise<void> {
  const kit = await generatedModules(root, contract);
  const operation = contract.operations.find((op) => op.errors.some((e) => e.codes.length > 0))!;
  const codes = [...new Set(operation.errors.flatMap((e) => e.codes))];
  const { requestIdHeader } = policyOf(contract.tables);
  const html = new Response("<html>Bad gateway</html>", {
    status: 502,
    headers: { "Content-Type": "text/html", ...(requestIdHeader ? { [requestIdHeader]: "req_gateway" } : {}) },
  });
  const responses = [
    ...codes.map((code) => kit.errorResponse(operation.key, code, withRequestId(contract, `req_${code}`))),
    html,
  ];
  const server = await serve(responses);
  try {
    const client = kit.createClient({ apiKey: "per-api-key", baseUrl: server.url, retry: false });
    const pathParams = Object.fromEntries([...operation.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, "x1"]));
    const call = () => client[operation.method]!(operation.path, { params: { path: pathParams } });
    for (const code of codes) {
      const { error } = await call();
      expect(error, code).toMatchObject({ reason: "known", status: expect.any(Number) });
      expect(error![contract.fields.code], code).toBe(code);
      if (contract.envelope.requestId) expect(error!.requestId, code).toBe(`req_${code}`);
      const example = contract.catalog.find((e) => e.code === code)!.example;
      const docs = valueAt(example, contract.envelope.docsUrl);
      expect(error!.vendorDocsUrl, code).toBe(typeof docs === "string" ? docs : undefined);
    }
    const { error } = await call();
    // A 502 the operation declares with no code is the status's own signal; otherwise the page is unexpected.
    const statusOnly = operation.errors.some((e) => e.status === "502" && e.codes.length === 0);
    expect(error).toMatchObject({ reason: statusOnly ? "declared_status" : "unexpected_response", status: 502 });
    expect(error!.requestId).toBe(requestIdHeader ? "req_gateway" : undefined);
    expect(server.urls[0]?.split("?")[0]).toBe(concretePath(operation.path));
    const { auth } = contract;
    const sent = server.received[0]!;
    if (auth.scheme === "apiKey" && auth.in === "header") expect(sent[auth.name.toLowerCase()]).toBe("per-api-key");
    else if (auth.scheme === "apiKey") expect(server.urls[0]).toContain(`${auth.name}=per-api-key`);
    else if (auth.scheme === "basic") expect(sent.authorization).toBe(`Basic ${btoa("per-api-key")}`);
    else expect(sent.authorization).toBe("Bearer per-api-key");
  } finally {
    await server.close();
  }
}

/**
 * The test kit's mock `fetch` and its MSW handler each answer an operation with a declared code,
 * which the client reads as `known`, with the request id given.
 */
export async function checkTestKits(root: string, contract: Contract): Promise<void> {
  const kit = await generatedModules(root, contract);
  const operation = contract.operations.find((op) => op.errors.some((e) => e.codes.length > 0))!;
  const code = operation.errors.flatMap((e) => e.codes)[0]!;
  const path = Object.fromEntries([...operation.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, "x1"]));
  const call = async (options: object) => {
    const client = kit.createClient({ apiKey: "per-api-key", retry: false, ...options });
    return (await client[operation.method]!(operation.path, { params: { path } })).error;
  };
  const fetch = kit.mockFetch({ [operation.key]: code });
  expect(await call({ fetch })).toMatchObject({ reason: "known", [contract.fields.code]: code });
  const server = setupServer(kit.mswHandler(operation.key, code, withRequestId(contract, "req_msw")));
  server.listen({ onUnhandledRequest: "error" });
  try {
    const error = await call({});
    expect(error).toMatchObject({ reason: "known", [contract.fields.code]: code });
    if (contract.envelope.requestId) expect(error!.requestId).toBe("req_msw");
  } finally {
    server.close();
  }
}
