// `npm run mock -- <api>` in-process (`mock(argv, io, start)`), with a stand-in for Prism's start: which
// arguments it takes, what it prints, and how it ends. test/commands/serve.test.ts starts the
// real command, Prism and all; test/mock/prism.test.ts covers the start itself.
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { mock } from "../../scripts/mock/cli.js";
import type { RunningMock, startMock as realStart } from "../../scripts/mock/prism.js";
import { repoRoot } from "../commands/project.js";
import { API_NAMES } from "../support/contracts.js";
import { capture } from "../support/io.js";

/** Given to mock() in place of Prism's start (not vi.mock: the suite's files share their modules). */
const startMock = vi.fn<typeof realStart>();

const URL = "http://127.0.0.1:4010";
const USAGE = `Usage: npm run mock -- <api>   (one of: ${API_NAMES.join(", ")})\n`;

/** A started mock whose Prism process the test ends, and whose stop() it sees. */
function fakeServer() {
  const process = Object.assign(new EventEmitter(), { stdout: new PassThrough() });
  const stop = vi.fn(async () => {});
  const server = { url: URL, process, stop } as unknown as RunningMock;
  startMock.mockResolvedValue(server);
  return { process, stop };
}

beforeEach(() => {
  startMock.mockReset();
});

describe("mock(argv, io, startMock)", () => {
  it.each([[[]], [["nope"]], [["ittybit", "willittrack"]], [["ittybit", "--port", "4010"]]])(
    "prints the usage with the APIs it knows and exits 2 for %j, starting nothing",
    async (argv) => {
      const io = capture(repoRoot);
      expect(await mock(argv, io, startMock)).toBe(2);
      expect(io.stderr()).toBe(USAGE);
      expect(io.stdout()).toBe("");
      expect(startMock).not.toHaveBeenCalled();
    },
  );

  it("starts the API's mock in the project and says where it listens and how to pick an error", async () => {
    const { process } = fakeServer();
    const io = capture(repoRoot);
    const running = mock(["willittrack"], io, startMock);
    await vi.waitFor(() => expect(io.stdout()).not.toBe(""));
    expect(startMock).toHaveBeenCalledWith("willittrack", { root: repoRoot });
    expect(io.stdout()).toBe(
      [
        `willittrack mock listening on ${URL}`,
        "Pick an error with the Prefer header, e.g.: " +
          `curl -H 'Authorization: Bearer test' -H 'Prefer: code=429' ${URL}/...`,
        "Press Ctrl+C to stop.",
        "",
      ].join("\n"),
    );
    process.emit("exit", 0);
    await running;
  });

  it("passes Prism's request log through as it comes", async () => {
    const { process } = fakeServer();
    const io = capture(repoRoot);
    const running = mock(["ittybit"], io, startMock);
    await vi.waitFor(() => expect(io.stdout()).toContain("Press Ctrl+C"));
    const banner = io.stdout();
    // One log line in two chunks: each is passed on as it comes, not held for a whole line.
    process.stdout.write("[HTTP SERVER] get /tasks ");
    await vi.waitFor(() => expect(io.stdout()).toBe(`${banner}[HTTP SERVER] get /tasks `));
    process.stdout.write("ℹ  info      Request received\n");
    await vi.waitFor(() =>
      expect(io.stdout()).toBe(`${banner}[HTTP SERVER] get /tasks ℹ  info      Request received\n`),
    );
    process.emit("exit", 0);
    await running;
  });

  it.each([
    [0, 0],
    [1, 1],
    [null, 0], // ended by a signal
  ])("exits with Prism's code when Prism ends on its own (%j -> %i)", async (code, exit) => {
    const { process, stop } = fakeServer();
    const io = capture(repoRoot);
    const running = mock(["ittybit"], io, startMock);
    await vi.waitFor(() => expect(io.stdout()).toContain("Press Ctrl+C"));
    process.emit("exit", code);
    expect(await running).toBe(exit);
    expect(stop).not.toHaveBeenCalled();
  });

  it("stops Prism and exits 0 when the user stops the command", async () => {
    const { stop } = fakeServer();
    let userStops: () => void = () => {};
    const io = capture(repoRoot, new Promise<void>((resolve) => (userStops = resolve)));
    const running = mock(["ittybit"], io, startMock);
    await vi.waitFor(() => expect(io.stdout()).toContain("Press Ctrl+C"));
    expect(stop).not.toHaveBeenCalled();
    userStops();
    expect(await running).toBe(0);
    expect(stop).toHaveBeenCalledOnce();
  });
});
