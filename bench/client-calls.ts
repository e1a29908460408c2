// What the client area's contenders do per call, the same over a stubbed fetch and over
// loopback HTTP: one GET of a task, its id on success, the error code on a 404.
import axios, { type AxiosInstance } from "axios";
import type { Client } from "openapi-fetch";
import type { IttybitClient, paths } from "../generated/ittybit/index.js";

export const TASK = JSON.stringify({
  id: "task_1",
  object: "task",
  kind: "video",
  status: "waiting",
  created_at: 1,
  updated_at: 1,
});
// The documented body of GET /tasks/{id}'s 404, so that ours parses and classifies it as `known`.
export const NOT_FOUND = JSON.stringify({
  kind: "task_not_found",
  message: "The task does not exist. Verify the task ID.",
});

export type Call = () => Promise<unknown>;
export interface Contenders {
  readonly ours: Call;
  readonly bare: Call;
  readonly axios: Call;
}

/** The three contenders' calls of one task id. */
export function calls(ours: IttybitClient, bare: Client<paths>, ax: AxiosInstance, id: string): Contenders {
  const params = { params: { path: { id } } };
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
        return (await ax.get<{ id: string }>(`/tasks/${id}`)).data.id;
      } catch (error) {
        // axios has already parsed the JSON body of the rejected response.
        return axios.isAxiosError(error) ? (error.response?.data as { kind: string } | undefined)?.kind : undefined;
      }
    },
  };
}

/** Throws unless every contender's call comes back with `expected`: a bench of failing calls measures nothing. */
export async function check(contenders: Contenders, expected: string): Promise<void> {
  for (const [name, call] of Object.entries(contenders)) {
    const got = await call();
    if (got !== expected) throw new Error(`bench: ${name} returned ${String(got)}, not ${expected}`);
  }
}

/** Microseconds per call over a batch of calls. */
export function perCall(call: Call, count: number): () => Promise<number> {
  return async () => {
    const started = performance.now();
    for (let i = 0; i < count; i++) await call();
    return ((performance.now() - started) * 1000) / count;
  };
}
