// @ts-check
// A mistake in a spec, reported with where it is and what to do about it. No imports: the
// lint's bundled functions load this module's neighbours, and a path is shortened by hand.

/** @param {string} file */
function shown(file) {
  const cwd = typeof process === "object" ? `${process.cwd()}/` : "";
  return cwd !== "/" && file.startsWith(cwd) ? file.slice(cwd.length) : file;
}

/**
 * What a problem found in a bundled document is about: the `nth` (0-based) definition of an
 * error code, or a place in the root document.
 * @typedef {{ code: string, nth?: number } | { path: (string | number)[] }} Subject
 */

export class SpecProblem extends Error {
  /**
   * @param {string} file absolute path of the file that holds the mistake
   * @param {number | undefined} line 1-based, when known
   * @param {string} problem what is wrong, one sentence
   * @param {string} fix what to do about it
   * @param {Subject} [subject] what the problem is about, for locating it in the source files
   */
  constructor(file, line, problem, fix, subject) {
    super(`${shown(file)}${line === undefined ? "" : `:${line}`}: ${problem} ${fix}`);
    /** @readonly */ this.name = "SpecProblem";
    /** @readonly */ this.file = file;
    /** @readonly */ this.line = line;
    /** @readonly */ this.problem = problem;
    /** @readonly */ this.fix = fix;
    /** @readonly */ this.subject = subject;
  }
}

/** Several problems found in one pass, so a person can fix them all at once. */
export class SpecProblems extends Error {
  /** @param {readonly SpecProblem[]} problems */
  constructor(problems) {
    super(problems.map((p) => p.message).join("\n"));
    /** @readonly */ this.name = "SpecProblems";
    /** @readonly */ this.problems = problems;
  }
}

/**
 * Whether an error is a spec's problem (or several): by name, so that one rebuilt from a thread's
 * message, or thrown by another copy of this module, counts too. Every command asks this, here.
 * @param {unknown} error
 * @returns {error is SpecProblem | SpecProblems}
 */
export function isSpecProblem(error) {
  return error instanceof Error && (error.name === "SpecProblem" || error.name === "SpecProblems");
}

/** @param {readonly SpecProblem[]} problems */
export function throwIfAny(problems) {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SpecProblems(problems);
}
