// An `Io` for running a command in-process: everything it prints, stdout and stderr in the
// order printed, kept as text; `stopped` settles when the test says so (never, by default).
import type { Io } from "../../scripts/command.js";

export interface Captured extends Io {
  /** Everything printed so far. */
  text(): string;
  /** What went to standard output alone. */
  stdout(): string;
  /** What went to standard error alone. */
  stderr(): string;
}

export function capture(root: string, stopped: Promise<void> = new Promise(() => {})): Captured {
  let all = "";
  let out = "";
  let err = "";
  const toOut = (text: string): void => {
    all += text;
    out += text;
  };
  return {
    root,
    out: (text) => toOut(`${text}\n`),
    err: (text) => {
      all += `${text}\n`;
      err += `${text}\n`;
    },
    write: async (piece) => toOut(piece),
    isTTY: false,
    stopped: () => stopped,
    text: () => all,
    stdout: () => out,
    stderr: () => err,
  };
}
