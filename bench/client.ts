// Area 3: client overhead, as in openapi-fetch's own benchmark: `fetch` is a stub that
// resolves on the next tick, so only client code is measured. Ours against bare
// openapi-fetch on the same spec, and against axios with a stub adapter.
import axios, { type AxiosAdapter } from "axios";
import createClient from "openapi-fetch";
import { createIttybitClient, type paths } from "../generated/ittybit/index.js";
import { alternate, table, type Row } from "./harness.js";

const BASE = "https://api.ittybit.com";
const TASK = JSON.stringify({
  id: "task_1",
  object: "task",
  kind: "video",
  status: "waiting",
  created_at: 1,
  updated_at: 1,
});
const NOT_FOUND = JSON.stringify({ kind: "task_not_found", message: "The task does not exist. Verify the task ID." });

function stubFetch(status: number, body: string): (request: Request) => Promise<Response> {
  return () =>
    new Promise((resolve) =>
      process.nextTick(() => resolve(new Response(body, { status, headers: { "Content-Type": "application/json" } }))),
    );
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

type Call = () => Promise<unknown>;

function contenders(status: number, body: string): { ours: Call; bare: Call; axios: Call } {
  const ours = createIttybitClient({ apiKey: "ittybit_bench", fetch: stubFetch(status, body) });
  const bare = createClient<paths>({
    baseUrl: BASE,
    headers: { Authorization: "Bearer ittybit_bench" },
    fetch: stubFetch(status, body),
  });
  const ax = axios.create({
    baseURL: BASE,
    headers: { Authorization: "Bearer ittybit_bench" },
    adapter: stubAdapter(status, body),
  });
  const params = { params: { path: { id: "task_1" } } };
  return {
    ours: async () => {
      const { data, error } = await ours.GET("/tasks/{id}", params);
      return error?.reason === "known" ? error.kind : data?.id;
    },
    bare: async () => {
      const { data, error } = await bare.GET("/tasks/{id}", params);
      return error ? error.kind : data.id;
    },
    axios: async () => {
      try {
        return (await ax.get<{ id: string }>("/tasks/task_1")).data.id;
      } catch (error) {
        // axios has already parsed the JSON body of the rejected response.
        return axios.isAxiosError(error) ? (error.response?.data as { kind: string } | undefined)?.kind : undefined;
      }
    },
  };
}

/** Microseconds per call over a batch of calls. */
function perCall(call: Call, calls: number): () => Promise<number> {
  return async () => {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await call();
    return ((performance.now() - started) * 1000) / calls;
  };
}

export async function clientOverhead(quick: boolean): Promise<string> {
  const calls = quick ? 200 : 5000;
  const runs = quick ? 2 : 9;
  const success = contenders(200, TASK);
  const failure = contenders(404, NOT_FOUND);
  for (const c of [success, failure]) for (const call of Object.values(c)) await perCall(call, calls)(); // warm-up
  const rows: Row[] = [];
  const add = async (name: string, ours: Call, anchor: Call, goal: number) =>
    rows.push({ name, unit: "µs", ...(await alternate(runs, perCall(ours, calls), perCall(anchor, calls))), goal });
  await add("success GET vs bare openapi-fetch", success.ours, success.bare, 1.1);
  await add("404 (parse, classify, narrow) vs bare openapi-fetch", failure.ours, failure.bare, 1.5);
  await add("success GET vs axios", success.ours, success.axios, 1);
  await add("404 vs axios", failure.ours, failure.axios, 1);
  return table(`3. Client overhead per call (stubbed fetch, ${calls} calls per run)`, "anchor", rows);
}
