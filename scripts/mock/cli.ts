// The command behind `npm run mock -- <api>`: a Prism mock of one API's bundled spec on a free
// loopback port, until stopped. Pick an error with the Prefer header, e.g.
// `Prefer: code=404, example=task_not_found` (every error response has one example per code).
import type { Io } from "../command.js";
import { mockableApis, startMock } from "./prism.js";

/** `start` starts the mock: Prism, or a test's stand-in. */
export async function mock(argv: readonly string[], io: Io, start = startMock): Promise<number> {
  const [api] = argv;
  const apis = mockableApis(io.root);
  if (!api || !apis.includes(api) || argv.length > 1) {
    io.err(`Usage: npm run mock -- <api>   (one of: ${apis.join(", ")})`);
    return 2;
  }
  const server = await start(api, { root: io.root });
  io.out(
    [
      `${api} mock listening on ${server.url}`,
      "Pick an error with the Prefer header, e.g.: " +
        `curl -H 'Authorization: Bearer test' -H 'Prefer: code=429' ${server.url}/...`,
      "Press Ctrl+C to stop.",
    ].join("\n"),
  );
  // Prism's request log, as it comes.
  server.process.stdout?.on("data", (chunk: Buffer) => void io.write(chunk.toString()));
  const ended = new Promise<number>((resolve) => server.process.once("exit", (code) => resolve(code ?? 0)));
  const stopped = io.stopped().then(async () => {
    await server.stop();
    return 0;
  });
  return Promise.race([ended, stopped]);
}
