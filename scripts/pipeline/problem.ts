import { relative } from "node:path";

/** A mistake in a spec, reported with where it is and what to do about it. */
export class SpecProblem extends Error {
  override readonly name = "SpecProblem";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${relative(process.cwd(), file)}${line === undefined ? "" : `:${line}`}: ${problem} ${fix}`);
  }
}

/** Several problems found in one pass, so a person can fix them all at once. */
export class SpecProblems extends Error {
  override readonly name = "SpecProblems";
  constructor(readonly problems: readonly SpecProblem[]) {
    super(problems.map((p) => p.message).join("\n"));
  }
}

export function throwIfAny(problems: readonly SpecProblem[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SpecProblems(problems);
}
