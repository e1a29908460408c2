// A spec problem's message is what a person reads: the file (relative to the working directory
// when under it), the line when known, the problem and the fix; several are thrown as one.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSpecProblem, SpecProblem, SpecProblems, throwIfAny } from "../../scripts/contract/problem.js";

describe("SpecProblem", () => {
  it.each<[string, string, number | undefined, string]>([
    ["a file under the working directory, with a line", join(process.cwd(), "a/b.yaml"), 3, "a/b.yaml:3: P. F."],
    ["a file under it, no line", join(process.cwd(), "a/b.yaml"), undefined, "a/b.yaml: P. F."],
    ["a file elsewhere", "/elsewhere/b.yaml", 1, "/elsewhere/b.yaml:1: P. F."],
    ["a file named like the directory", `${process.cwd()}x/b.yaml`, 0, `${process.cwd()}x/b.yaml:0: P. F.`],
  ])("says %s", (_name, file, line, message) => {
    const problem = new SpecProblem(file, line, "P.", "F.", { code: "c" });
    expect(problem.message).toBe(message);
    expect(problem).toMatchObject({
      name: "SpecProblem",
      file,
      line,
      problem: "P.",
      fix: "F.",
      subject: { code: "c" },
    });
  });
});

describe("throwIfAny", () => {
  const one = new SpecProblem("/a.yaml", 1, "One.", "Fix one.");
  const two = new SpecProblem("/b.yaml", undefined, "Two.", "Fix two.");

  it("throws nothing for no problem, the problem itself for one", () => {
    expect(() => throwIfAny([])).not.toThrow();
    expect(() => throwIfAny([one])).toThrow(one);
  });

  it("throws several together, one message a line", () => {
    const thrown = (() => {
      try {
        throwIfAny([one, two]);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(SpecProblems);
    expect(thrown).toMatchObject({
      name: "SpecProblems",
      problems: [one, two],
      message: "/a.yaml:1: One. Fix one.\n/b.yaml: Two. Fix two.",
    });
  });
});

describe("isSpecProblem", () => {
  const one = new SpecProblem("/a.yaml", 1, "One.", "Fix one.");
  // One rebuilt from a thread's message keeps only its name and message.
  const rebuilt = Object.assign(new Error("/a.yaml:1: One. Fix one."), { name: "SpecProblem" });
  it.each<[string, unknown, boolean]>([
    ["a SpecProblem", one, true],
    ["SpecProblems", new SpecProblems([one, one]), true],
    ["a problem rebuilt from its name", rebuilt, true],
    ["another error", new Error("boom"), false],
    ["an error named otherwise", Object.assign(new Error("x"), { name: "WriteProblem" }), false],
    ["an object named like one", { name: "SpecProblem", message: "x" }, false],
    ["nothing", undefined, false],
  ])("%s: %s", (_name, error, want) => {
    expect(isSpecProblem(error)).toBe(want);
  });
});
