// Area 3: client overhead per call. Over a stubbed fetch that resolves on the next tick, as in
// openapi-fetch's own benchmark, only client code is measured: micro-benchmarks that magnify
// it. Over loopback HTTP (client-http.ts) it is set against what a real call costs; the
// goals that matter to users are there.
import axios, { type AxiosAdapter } from "axios";
import createClient from "openapi-fetch";
import { createIttybitClient, type paths } from "../generated/ittybit/index.js";
import { calls, check, NOT_FOUND, perCall, TASK, type Call, type Contenders } from "./client-calls.js";
import { startLoopback } from "./client-http.js";
import { alternate, table, type Row } from "./harness.js";

const BASE = "https://api.ittybit.com";

/** Answers on the next tick: task_1 with the task, any other id with the documented 404. */
function stubFetch(request: Request): Promise<Response> {
  const found = request.url.endsWith("/tasks/task_1");
  const response = new Response(found ? TASK : NOT_FOUND, {
    status: found ? 200 : 404,
    headers: { "Content-Type": "application/json" },
  });
  return new Promise((resolve) => process.nextTick(() => resolve(response)));
}

function stubAdapter(status: number, body: string): AxiosAdapter {
  return (config) =>
    new Promise((resolve, reject) =>
      process.nextTick(() => {
        const response = {
          data: body,
          status,
          statusText: "",
          headers: { "content-type": "application/json" },
          config,
          request: {},
        };
        // axios rejects non-2xx through `settle`; a stub adapter must do the same.
        if (status < 300) resolve(response);
        else reject(new axios.AxiosError("Request failed", "ERR_BAD_RESPONSE", config, {}, response));
      }),
    );
}

function stubbed(id: string): Contenders {
  const status = id === "task_1" ? 200 : 404;
  // Ours with its defaults, so on the global fetch (stubbed while these rows run): a `fetch`
  // option would take the other path, the signal on the request instead of in fetch's init.
  const ours = createIttybitClient({ apiKey: "ittybit_bench" });
  const bare = createClient<paths>({
    baseUrl: BASE,
    headers: { Authorization: "Bearer ittybit_bench" },
    fetch: stubFetch,
  });
  const ax = axios.create({
    baseURL: BASE,
    headers: { Authorization: "Bearer ittybit_bench" },
    adapter: stubAdapter(status, status === 200 ? TASK : NOT_FOUND),
  });
  return calls(ours, bare, ax, id);
}

/** The rows of one table: each pair measured in alternating runs after a warm-up of every call. */
async function measure(
  runs: number,
  count: number,
  cases: readonly (readonly [string, Call, Call, number | undefined])[],
): Promise<Row[]> {
  for (const [, ours, anchor] of cases) for (const call of [ours, anchor]) await perCall(call, count)();
  const rows: Row[] = [];
  for (const [name, ours, anchor, goal] of cases) {
    const sample = await alternate(runs, perCall(ours, count), perCall(anchor, count));
    rows.push({ name, unit: "µs", ...sample, ...(goal === undefined ? {} : { goal }) });
  }
  return rows;
}

export async function clientOverhead(quick: boolean): Promise<string> {
  const stub = { count: quick ? 200 : 2000, runs: quick ? 2 : 9 };
  const success = stubbed("task_1");
  const failure = stubbed("task_missing");
  const realFetch = globalThis.fetch;
  globalThis.fetch = stubFetch as typeof fetch;
  let micro: Row[];
  try {
    await check(success, "task_1");
    await check(failure, "task_not_found");
    // The stub adapter skips everything axios does for HTTP, so it builds no request or response
    // at all: those rows say what openapi-fetch's Request and Response cost, and carry no goal.
    // The goals against axios are on the loopback rows, where it uses its Node http adapter.
    micro = await measure(stub.runs, stub.count, [
      ["success GET vs bare openapi-fetch", success.ours, success.bare, 1.25],
      ["404 (parse, classify, narrow) vs bare openapi-fetch", failure.ours, failure.bare, 1.5],
      ["success GET vs axios, stub adapter (micro, no goal)", success.ours, success.axios, undefined],
      ["404 vs axios, stub adapter (micro, no goal)", failure.ours, failure.axios, undefined],
    ]);
  } finally {
    globalThis.fetch = realFetch;
  }
  const http = { count: quick ? 50 : 400, runs: quick ? 2 : 15 };
  const loopback = await startLoopback();
  try {
    const { success: ok, notFound } = loopback;
    const real = await measure(http.runs, http.count, [
      ["success GET vs bare openapi-fetch", ok.ours, ok.bare, 1.05],
      ["404 (parse, classify, narrow) vs bare openapi-fetch", notFound.ours, notFound.bare, 1.05],
      ["success GET vs axios (http adapter, keep-alive)", ok.ours, ok.axios, 1],
      ["404 vs axios (http adapter, keep-alive)", notFound.ours, notFound.axios, 1],
    ]);
    return [
      table(`3a. Client overhead per call, stubbed fetch (micro, ${stub.count} calls per run)`, "anchor", micro),
      table(`3b. Client cost per call, loopback HTTP, keep-alive (${http.count} calls per run)`, "anchor", real),
    ].join("\n");
  } finally {
    await loopback.close();
  }
}
