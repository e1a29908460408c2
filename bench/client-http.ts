// Area 3, over real HTTP: a Node server on 127.0.0.1 in this process, connections kept alive
// for every contender (undici's global dispatcher does; axios gets a keep-alive Agent). Here
// the client's overhead is measured against what a call really costs.
import { Agent, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import axios from "axios";
import createClient from "openapi-fetch";
import { createIttybitClient, type paths } from "../generated/ittybit/index.js";
import { calls, check, NOT_FOUND, TASK, type Contenders } from "./client-calls.js";

export interface Loopback {
  readonly success: Contenders;
  readonly notFound: Contenders;
  close(): Promise<void>;
}

/** Starts the server and the contenders: ours with its defaults (retries, 60 s timeout) but the base URL. */
export async function startLoopback(): Promise<Loopback> {
  const server = createServer((request, response) => {
    const found = request.url === "/tasks/task_1";
    response.writeHead(found ? 200 : 404, { "Content-Type": "application/json" });
    response.end(found ? TASK : NOT_FOUND);
  });
  // Longer than the pauses between runs, so no contender ever pays for a new connection.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAlive: true });
  const ours = createIttybitClient({ apiKey: "ittybit_bench", baseUrl });
  const bare = createClient<paths>({ baseUrl, headers: { Authorization: "Bearer ittybit_bench" } });
  const ax = axios.create({
    baseURL: baseUrl,
    headers: { Authorization: "Bearer ittybit_bench" },
    adapter: "http",
    httpAgent: agent,
  });
  const success = calls(ours, bare, ax, "task_1");
  const notFound = calls(ours, bare, ax, "task_missing");
  await check(success, "task_1");
  await check(notFound, "task_not_found");
  return {
    success,
    notFound,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
