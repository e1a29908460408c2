// The lint thread's message loop, run in this process through `serveLints` (Stryker switches
// mutants only here, not in a worker thread), with a port that records every reply.
// worker.test.ts starts real threads.
import { EventEmitter } from "node:events";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiEntry } from "../../scripts/contract/index.js";
import { lintApi, loadLinters } from "../../scripts/lint/index.js";
import { serveLints } from "../../scripts/lint/lint-thread.js";
import type { LintReply, LintRequest, LintThreadData } from "../../scripts/lint/worker.js";
import { RULESET, type Throwaway, throwaway } from "./throwaway.js";

/** The thread's side of the channel: requests go in as messages, replies are kept in order. */
class Port extends EventEmitter {
  readonly replies: LintReply[] = [];
  private waiting: (() => void)[] = [];
  postMessage(reply: LintReply): void {
    this.replies.push(reply);
    for (const wake of this.waiting.splice(0)) wake();
  }
  ask(request: LintRequest): void {
    this.emit("message", request);
  }
  /** Settles once `count` replies ended a request (a findings or an error reply). */
  async answered(count: number): Promise<LintReply[]> {
    const ends = () => this.replies.filter((reply) => !("progress" in reply)).length;
    while (ends() < count) await new Promise<void>((wake) => this.waiting.push(wake));
    return this.replies;
  }
}

/** What Spectral found, by rule, in a findings reply (Redocly's findings are the same throughout). */
const spectralRules = (reply: LintReply | undefined) =>
  reply && "findings" in reply ? reply.findings.filter((f) => f.linter === "spectral").map((f) => f.rule) : reply;

/** A thread's loop on a new port, as a new thread would run it, with this data. */
function startThread(data: LintThreadData): Port {
  const port = new Port();
  serveLints(port, data);
  return port;
}

let project: Throwaway;
let data: LintThreadData;
let api: ApiEntry;
let at: (file: string) => string;

beforeAll(async () => {
  project = await throwaway("lint-thread-");
  ({ data, api, at } = project);
});
beforeEach(() => project.writeRuleset());
afterAll(() => project.remove());

describe("the lint thread", () => {
  it("answers a request with each linter's progress, then the API's findings", async () => {
    const port = startThread(data);
    port.ask({ id: 7, api });
    const replies = await port.answered(1);
    const want = await lintApi(await loadLinters(data.configPath, data.rulesetPath), api.root, api.name);
    expect(want.map((f) => f.rule)).toContain("title-present");
    expect(replies.map((r) => ("progress" in r ? r.progress.linter : "done"))).toEqual(["spectral", "redocly", "done"]);
    expect(replies.every((r) => r.id === 7)).toBe(true);
    expect(replies[2]).toEqual({ id: 7, findings: want });
    const progress = replies.flatMap((r) => ("progress" in r ? [r.progress] : []));
    expect(progress.flatMap((p) => p.findings)).toEqual(expect.arrayContaining(want));
    for (const { ms } of progress) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("answers requests one at a time, in the order they came", async () => {
    const port = startThread(data);
    port.ask({ id: 1, api });
    port.ask({ id: 2, api });
    const replies = await port.answered(2);
    expect(replies.map((r) => `${r.id}${"progress" in r ? "p" : ""}`)).toEqual(["1p", "1p", "1", "2p", "2p", "2"]);
  });

  it("answers a request it cannot do with the error, and goes on answering", async () => {
    const port = startThread(data);
    port.ask({ id: 1, api: { ...api, root: at("missing.yaml") } });
    port.ask({ id: 2, api });
    const [failed, ...rest] = (await port.answered(2)).filter((reply) => !("progress" in reply));
    expect(failed).toEqual({
      id: 1,
      error: { name: "Error", message: expect.stringMatching(/^ENOENT/), stack: expect.stringMatching(/ENOENT/) },
    });
    expect(rest.map((reply) => reply.id)).toEqual([2]);
    expect(spectralRules(rest[0])).toEqual(["title-present"]);
  });

  it("answers every request with the error of a load that failed, until a reload succeeds", async () => {
    await rm(at(".spectral.yaml"));
    const port = startThread(data);
    port.ask({ id: 1, api });
    port.ask({ id: 2, api });
    await port.answered(2);
    await project.writeRuleset();
    port.ask({ id: 3, reload: true });
    port.ask({ id: 4, api });
    const ends = (await port.answered(4)).filter((reply) => !("progress" in reply));
    expect(ends.slice(0, 2)).toEqual([1, 2].map((id) => ({ id, error: expect.objectContaining({ name: "Error" }) })));
    expect(ends[2]).toEqual({ id: 3, findings: [] });
    expect(ends[3]?.id).toBe(4);
    expect(spectralRules(ends[3])).toEqual(["title-present"]);
  });

  it("lints with the configuration as it was at load until told to reload", async () => {
    const port = startThread(data);
    port.ask({ id: 1, api });
    await port.answered(1);
    await project.writeRuleset(RULESET.replace("severity: error", "severity: off"));
    port.ask({ id: 2, api });
    port.ask({ id: 3, reload: true });
    port.ask({ id: 4, api });
    const ends = (await port.answered(4)).filter((reply) => !("progress" in reply));
    // The reload's own answer has no findings; the lint after it runs without the rule turned off.
    expect(ends.map(spectralRules)).toEqual([["title-present"], ["title-present"], [], []]);
  });

  it("answers a reload that fails with its error", async () => {
    const port = startThread(data);
    await rm(at(".spectral.yaml"));
    port.ask({ id: 1, reload: true });
    expect(await port.answered(1)).toEqual([
      { id: 1, error: expect.objectContaining({ message: expect.any(String) }) },
    ]);
  });
});
