// What every command's `main(argv, io)` gets, and how a command file runs it as the process.
// Commands write through `io`, never to the console, so that tests run them in-process on a
// project of their own and read what they print; a process-level test per command checks the
// wiring below.
import { once } from "node:events";
import { isSpecProblem } from "./contract/problem.js";
import { ROOT } from "./root.js";

export interface Io {
  /** The project the command acts on. */
  readonly root: string;
  /** Prints to standard output; `text` is one or more lines, without the last newline. */
  readonly out: (text: string) => void;
  /** Prints to standard error, likewise. */
  readonly err: (text: string) => void;
  /** Writes a piece of a long report to standard output as it is, waiting while its reader is behind. */
  readonly write: (piece: string) => Promise<void>;
  /** Whether standard output is a terminal (a report's format may default by it). */
  readonly isTTY: boolean;
  /** Settles when the user stops a command that runs until stopped (Ctrl-C, SIGTERM). */
  readonly stopped: () => Promise<void>;
}

export type Command = (argv: readonly string[], io: Io) => Promise<number>;

/** A spec's problem, a write that failed, bad input: its message says what to fix, and no stack is shown. */
export function isExplained(error: unknown): error is Error {
  const names = ["WriteProblem", "InputProblem", "InputsChanged"];
  return isSpecProblem(error) || (error instanceof Error && names.includes(error.name));
}

/** What the user gave the command is wrong; the message says what to give instead (exit 2). */
export class InputProblem extends Error {
  override readonly name = "InputProblem";
}

/** The message of an explained error; anything else with its stack. */
export function explain(error: unknown): string {
  if (isExplained(error)) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The process's own streams and signals, for the project this file belongs to. */
function processIo(): Io {
  let stopped: Promise<void> | undefined;
  return {
    root: ROOT,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    write: async (piece) => {
      if (!process.stdout.write(piece)) await once(process.stdout, "drain");
    },
    isTTY: process.stdout.isTTY === true,
    // Asked for only by commands that run until stopped: the others keep Ctrl-C's default. `on`,
    // not `once`: under npm a signal arrives twice (to the process group, and forwarded by npm),
    // and with no listener left the second would end the process by default, mid-stop.
    stopped: () =>
      (stopped ??= new Promise((resolve) => {
        process.on("SIGINT", () => resolve());
        process.on("SIGTERM", () => resolve());
      })),
  };
}

/**
 * Runs a command as this process: its exit code is the command's; bad input is exit 2, another
 * explained failure exit 1, and a failure it did not expect is printed with its stack, exit 2.
 */
export function runAsProcess(command: Command): void {
  const io = processIo();
  command(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: unknown) => {
      io.err(explain(error));
      process.exit(error instanceof InputProblem ? 2 : isExplained(error) ? 1 : 2);
    },
  );
}
