// Prism (`npm run mock`) and the kit's builder agree: for every code of every operation, the
// mock's answer has the status, body and headers that `buildErrorResponse` makes, with one
// request id in the body and the header; open statuses carry one id too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ittybitErrorTables } from "../../generated/ittybit/testing.js";
import { willItTrackErrorTables } from "../../generated/willittrack/testing.js";
import { startMock, type RunningMock } from "../../scripts/mock/prism.js";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import type { ErrorTables } from "../../src/tables.js";
import { BODIES } from "../support/request-bodies.js";

const APIS = { ittybit: ittybitErrorTables, willittrack: willItTrackErrorTables } as const;
type Api = keyof typeof APIS;

/** Every (api, operation, status, code) the tables declare; an open status has no code. */
function cases(api: Api, tables: ErrorTables): [Api, string, number, string | undefined][] {
  return Object.entries(tables.operations).flatMap(([operation, statuses]) =>
    Object.entries(statuses).flatMap(([status, { codes, open }]) => [
      ...codes.map((code) => [api, operation, Number(status), code] as [Api, string, number, string]),
      ...(open ? [[api, operation, Number(status), undefined] as [Api, string, number, undefined]] : []),
    ]),
  );
}

const mocks = new Map<Api, RunningMock>();
beforeAll(async () => {
  for (const api of Object.keys(APIS) as Api[]) mocks.set(api, await startMock(api));
});
afterAll(async () => {
  await Promise.all([...mocks.values()].map((m) => m.stop()));
});

async function request(api: Api, operation: string, prefer: string): Promise<Response> {
  const [method, path] = operation.split(" ") as [string, string];
  const body = BODIES[operation];
  return fetch(`${mocks.get(api)!.url}${path.replace(/\{[^}]+\}/g, "x1")}`, {
    method,
    headers: {
      Prefer: prefer,
      Authorization: "Bearer pg_live_test",
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** The body's request id, where the envelope has one. */
function requestIdOf(tables: ErrorTables, body: unknown): unknown {
  return tables.envelope.requestId?.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], body);
}

describe("Prism answers as the builder builds", () => {
  const all = (Object.entries(APIS) as [Api, ErrorTables][]).flatMap(([api, tables]) => cases(api, tables));

  it.each(all)("%s %s %i %s", async (api, operation, status, code) => {
    const tables: ErrorTables = APIS[api];
    const response = await request(api, operation, code ? `code=${status}, example=${code}` : `code=${status}`);
    const body: unknown = await response.json();
    expect(response.status).toBe(status);
    const header = response.headers.get("x-request-id");
    if (header !== null && tables.envelope.requestId) expect(requestIdOf(tables, body)).toBe(header);
    if (code === undefined) return;
    const built = buildErrorResponse(tables, operation, code);
    expect(body).toEqual(built.body);
    for (const [name, value] of Object.entries(built.headers)) {
      // The kit's Retry-After defaults to 1 s so that tests wait briefly; Prism sends the spec's example.
      if (name === "Retry-After") expect(response.headers.has(name)).toBe(true);
      else expect(response.headers.get(name), name).toBe(value);
    }
  });
});
