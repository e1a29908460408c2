// What every command's `main(argv, io)` gets, and how a command file runs it as the process.
// Commands write through `io`, never to the console, so that tests run them in-process on a
// project of their own and read what they print.
import { isSpecProblem } from "./contract/problem.js";
import { ROOT } from "./root.js";

export interface Io {
  /** The project the command acts on. */
  readonly root: string;
  /** Prints to standard output; `text` is one or more lines, without the last newline. */
  readonly out: (text: string) => void;
  /** Prints to standard error, likewise. */
  readonly err: (text: string) => void;
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

/**
 * Runs a command as this process, on the project this file belongs to: its exit code is the
 * command's; a failure it did not expect is printed with its stack and exits 2.
 */
export function runAsProcess(command: Command): void {
  const io: Io = {
    root: ROOT,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  command(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: unknown) => {
      io.err(explain(error));
      process.exit(error instanceof InputProblem ? 2 : isExplained(error) ? 1 : 2);
    },
  );
}
