// What every command shares (scripts/command.ts): which failures are explained (their message
// alone) and which show a stack, and how a command runs as the process: its arguments, its
// streams, its exit code, and the signals that stop it. The process is this test's own, with
// `process.exit` and the streams stubbed, so nothing is printed and nothing exits.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Command, explain, InputProblem, type Io, isExplained, runAsProcess } from "../scripts/command.js";
import { SpecProblem } from "../scripts/contract/index.js";
import { InputsChanged } from "../scripts/generate/run.js";
import { WriteProblem } from "../scripts/pipeline/sync.js";
import { ROOT } from "../scripts/root.js";

const named = (name: string): Error => Object.assign(new Error(`a ${name}`), { name });
const withoutStack = (): Error => Object.assign(new Error("no stack"), { stack: undefined });

describe("isExplained", () => {
  it.each([
    ["a spec's problem", new SpecProblem("/p/openapi.yaml", 3, "Something is wrong.", "Fix it."), true],
    ["a write that failed", new WriteProblem("read-only"), true],
    ["bad input", new InputProblem("give --api"), true],
    ["specs edited while generating", new InputsChanged(["/p/a.yaml"]), true],
    ["several of a spec's problems, by name", named("SpecProblems"), true],
    ["an Error named like one (a copy from another module)", named("WriteProblem"), true],
    ["any other Error", new TypeError("x is undefined"), false],
    ["an Error named like none", named("OtherProblem"), false],
    ["a plain object with such a name", { name: "InputProblem", message: "not an Error" }, false],
    ["a string", "InputProblem", false],
    ["undefined", undefined, false],
  ])("%s → %s", (_name, error, want) => {
    expect(isExplained(error)).toBe(want);
  });
});

describe("explain", () => {
  it("gives an explained failure's message alone, without its stack", () => {
    expect(explain(new InputProblem("Give --api a name."))).toBe("Give --api a name.");
  });

  it("gives any other Error with its stack", () => {
    const error = new TypeError("x is undefined");
    expect(explain(error)).toBe(error.stack);
    expect(explain(error)).toMatch(/^TypeError: x is undefined\n\s+at /);
  });

  it.each([
    ["an Error without a stack", withoutStack(), "no stack"],
    ["a thrown string", "it broke", "it broke"],
    ["a thrown number", 42, "42"],
  ])("gives %s as text", (_name, error, want) => {
    expect(explain(error)).toBe(want);
  });
});

interface Run {
  /** The exit code the command's process ended with. */
  readonly code: number;
  /** What it wrote to standard error. */
  readonly stderr: string;
  /** The `Io` it was given. */
  readonly io: Io | undefined;
  /** The arguments it was given. */
  readonly argv: readonly string[] | undefined;
}

/** Runs `command` as `runAsProcess` runs it for `node scripts/x.ts a b`, up to its `process.exit`. */
async function runProcess(command: Command): Promise<Run> {
  let stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process, "argv", "get").mockReturnValue(["node", "scripts/x.ts", "a", "b"]);
  let io: Io | undefined;
  let argv: readonly string[] | undefined;
  const code = await new Promise<number>((resolve) => {
    vi.spyOn(process, "exit").mockImplementation(((exitCode?: number) => resolve(exitCode ?? -1)) as never);
    runAsProcess((given, givenIo) => {
      argv = given;
      io = givenIo;
      return command(given, givenIo);
    });
  });
  vi.restoreAllMocks();
  return { code, stderr, io, argv };
}

afterEach(() => vi.restoreAllMocks());

describe("runAsProcess", () => {
  it("gives the command the arguments after the script's path, and exits with its code", async () => {
    const run = await runProcess(async () => 3);
    expect(run).toMatchObject({ code: 3, stderr: "", argv: ["a", "b"] });
  });

  it.each([
    ["bad input: its message, exit 2", new InputProblem("Give --api a name."), 2, "Give --api a name.\n"],
    ["another explained failure: its message, exit 1", new WriteProblem("generated/ is read-only"), 1, undefined],
    ["a failure it did not expect: its stack, exit 2", new TypeError("x is undefined"), 2, undefined],
    ["a thrown string: the string, exit 2", "it broke", 2, "it broke\n"],
  ])("on %s", async (_name, error, code, stderr) => {
    const run = await runProcess(async () => {
      throw error;
    });
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(stderr ?? `${explain(error)}\n`);
  });

  it("gives the command this project as its root, and whether standard output is a terminal", async () => {
    const own = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
    try {
      for (const isTTY of [true, false, undefined]) {
        Object.defineProperty(process.stdout, "isTTY", { value: isTTY, configurable: true, writable: true });
        const { io } = await runProcess(async () => 0);
        expect({ root: io?.root, isTTY: io?.isTTY }).toEqual({ root: ROOT, isTTY: isTTY === true });
      }
    } finally {
      if (own) Object.defineProperty(process.stdout, "isTTY", own);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it("prints the command's lines to standard output and standard error, each with its newline", async () => {
    const { io } = await runProcess(async () => 0);
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => written.push(`out:${String(chunk)}`) > 0);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => written.push(`err:${String(chunk)}`) > 0);
    io?.out("one\ntwo");
    io?.err("three");
    expect(written).toEqual(["out:one\ntwo\n", "err:three\n"]);
  });

  it("writes a report's piece as it is, and waits while standard output's reader is behind", async () => {
    const { io } = await runProcess(async () => 0);
    const written: string[] = [];
    let full = false;
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return !full;
    });
    await io?.write("first, no newline");
    full = true;
    let settled = false;
    const waiting = io?.write("second").then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    process.stdout.emit("drain");
    await waiting;
    expect(written).toEqual(["first, no newline", "second"]);
  });

  describe("stopped", () => {
    const added = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
    afterEach(() => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        for (const listener of process.listeners(signal)) {
          if (!added[signal].includes(listener)) process.off(signal, listener);
        }
      }
    });

    it.each(["SIGINT", "SIGTERM"] as const)("settles on %s, and stays listening for a second one", async (signal) => {
      const { io } = await runProcess(async () => 0);
      const before = process.listenerCount(signal);
      const stopped = io!.stopped();
      expect(io!.stopped()).toBe(stopped);
      expect(process.listenerCount(signal)).toBe(before + 1);
      let settled = false;
      void stopped.then(() => (settled = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      process.emit(signal);
      await stopped;
      expect(process.listenerCount(signal)).toBe(before + 1);
    });

    it("listens for no signal until a command asks to be stopped", async () => {
      const before = process.listenerCount("SIGINT") + process.listenerCount("SIGTERM");
      await runProcess(async () => 0);
      expect(process.listenerCount("SIGINT") + process.listenerCount("SIGTERM")).toBe(before);
    });
  });
});
