// The write lock of an output folder when it is contended: who holds it (a live process, one that
// is gone, one on another host, an unreadable file, a lock marked abandoned), the take-over token,
// the wait's deadline and its message, and what release and abandon leave. Only Date is faked: the
// 2-minute wait and the ages of lock files are then exact, never waited for; the polls stay real.
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCK_FILE, type Lock, lockFolder, type Transaction } from "../../scripts/pipeline/write-lock.js";

/** A pid no process has: the highest a Linux kernel hands out, plus one. */
const DEAD_PID = 4_194_305;
/** How long a writer waits (write-lock.ts's WAIT_MS). */
const WAIT_MS = 120_000;
/** The faked clock's time, a whole second, so that a file's mtime set from it is exact to the ms. */
const AT = 1_900_000_000_000;
const HERE = hostname();
const ELSEWHERE = "elsewhere.example";
const transaction: Transaction = { renames: [["generated/.a.1.tmp", "generated/a"]], remove: ["generated/gone"] };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** An empty output folder. */
async function folder(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "write-lock-")), "generated");
  await mkdir(dir);
  return dir;
}

const owner = (pid: number, host: string, more: object = {}) => JSON.stringify({ pid, host, ...more });

/** Leaves a file (a lock, a token) with `text`, last written `age` ms before AT. */
async function leave(path: string, text: string, age = 0): Promise<void> {
  await writeFile(path, text);
  await utimes(path, (AT - age) / 1000, (AT - age) / 1000);
}

/**
 * Takes the lock of `dir` with the clock stopped at AT. `late`: as if the wait had begun over 2
 * minutes before AT, so that a lock not taken over at the first look fails with the wait's message.
 */
async function lockAt(dir: string, { recover = true, late = false } = {}): Promise<Lock> {
  vi.useFakeTimers({ toFake: ["Date"], now: late ? AT - WAIT_MS - 1 : AT });
  try {
    const lock = lockFolder(dir, { recover });
    vi.setSystemTime(AT); // the deadline was set at the call, before the first look
    return await lock;
  } finally {
    vi.useRealTimers();
  }
}

/** The wait's message, naming the holder `who`. */
function waited(dir: string, who: string): string {
  const lock = relative(process.cwd(), join(dir, LOCK_FILE));
  const fix = `If no such process runs, remove ${lock} and run again.`;
  return `${relative(process.cwd(), dir)}/ is being written by ${who}; waited 120 s. ${fix}`;
}

/** What a lock carries besides its path and methods, with no key left `undefined`. */
const carried = (lock: Lock) =>
  Object.fromEntries(Object.entries(lock).filter(([key, value]) => key !== "path" && typeof value !== "function"));

describe("a lock held by another", () => {
  const cases: [string, { text: string; age?: number; want: { carried: object } | { waitsFor: string } }][] = [
    [
      "a process on this host that is gone is taken over at once, its renames handed on",
      {
        text: owner(DEAD_PID, HERE, { transaction }),
        want: { carried: { interrupted: transaction, leftBy: DEAD_PID } },
      },
    ],
    [
      "a process on this host that died before recording renames: only its pid is handed on",
      { text: owner(DEAD_PID, HERE), want: { carried: { leftBy: DEAD_PID } } },
    ],
    [
      "a live process on this host (the test runner's parent) is waited for",
      { text: owner(process.ppid, HERE), want: { waitsFor: `process ${process.ppid} on ${HERE}` } },
    ],
    [
      "this very process (a lock it holds elsewhere in it) is waited for",
      { text: owner(process.pid, HERE), want: { waitsFor: `process ${process.pid} on ${HERE}` } },
    ],
    [
      "a lock marked abandoned is taken over at once, though its process (this one) lives on",
      {
        text: owner(process.pid, HERE, { transaction, abandoned: true }),
        want: { carried: { interrupted: transaction, leftBy: process.pid } },
      },
    ],
    [
      // Its pid means nothing here: a pid dead here is no sign, only the lock's age is.
      "a process on another host, untouched for a minute exactly, is waited for",
      { text: owner(DEAD_PID, ELSEWHERE), age: 60_000, want: { waitsFor: `process ${DEAD_PID} on ${ELSEWHERE}` } },
    ],
    [
      // Nor is a pid alive here a sign. Its pid is not handed on: it names no process of this host.
      "a process on another host, untouched for over a minute, is taken over with its renames and no pid",
      {
        text: owner(process.ppid, ELSEWHERE, { transaction }),
        age: 61_000,
        want: { carried: { interrupted: transaction } },
      },
    ],
    // A writer that died between creating the lock and filling it in, or a file that is no owner record.
    ...["", "{", "null", "{}", '{"pid":1}', `{"host":"${HERE}"}`, `{"pid":"1","host":"${HERE}"}`].flatMap(
      (text): typeof cases => [
        [
          `unreadable (${text || "empty"}), a second old exactly, is waited for`,
          { text, age: 1000, want: { waitsFor: "another process" } },
        ],
        [`unreadable (${text || "empty"}), two seconds old, is taken over`, { text, age: 2000, want: { carried: {} } }],
      ],
    ),
  ];

  it.each(cases)("%s", async (_name, { text, age, want }) => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    await leave(path, text, age);
    const taking = lockAt(dir, { late: true });
    if ("waitsFor" in want) {
      await expect(taking).rejects.toHaveProperty("message", waited(dir, want.waitsFor));
      expect(await readFile(path, "utf8")).toBe(text);
      expect(await readdir(dir)).toEqual([LOCK_FILE]);
      return;
    }
    const lock = await taking;
    expect(carried(lock)).toStrictEqual(want.carried);
    // The lock is this process's now; no token or temporary file is left beside it.
    expect(await readFile(path, "utf8")).toBe(owner(process.pid, HERE));
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("counts a process it may not signal (another user's: EPERM) as alive", async () => {
    const dir = await folder();
    await leave(join(dir, LOCK_FILE), owner(DEAD_PID, HERE));
    const kill = process.kill.bind(process);
    const signalled = vi.spyOn(process, "kill").mockImplementation((pid, signal) => {
      if (pid !== DEAD_PID) return kill(pid, signal);
      throw Object.assign(new Error(`kill EPERM`), { code: "EPERM" });
    });
    await expect(lockAt(dir, { late: true })).rejects.toHaveProperty(
      "message",
      waited(dir, `process ${DEAD_PID} on ${HERE}`),
    );
    expect(signalled).toHaveBeenCalledWith(DEAD_PID, 0);
  });

  it("that changes hands between the look and the take-over is left to its new holder", async () => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    await leave(path, owner(DEAD_PID, HERE));
    const kill = process.kill.bind(process);
    // The look finds DEAD_PID gone; meanwhile another waiter (the runner's parent) takes the lock over.
    vi.spyOn(process, "kill").mockImplementation((pid, signal) => {
      if (pid !== DEAD_PID) return kill(pid, signal);
      writeFileSync(path, owner(process.ppid, HERE));
      throw Object.assign(new Error("kill ESRCH"), { code: "ESRCH" });
    });
    // Past the deadline at that first look, its message names the owner it saw.
    await expect(lockAt(dir, { late: true })).rejects.toHaveProperty(
      "message",
      waited(dir, `process ${DEAD_PID} on ${HERE}`),
    );
    expect(await readFile(path, "utf8")).toBe(owner(process.ppid, HERE));
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
  });

  it("that cannot be read (a folder in its place) fails at once, naming it and the fix, not a wait", async () => {
    const dir = await folder();
    await mkdir(join(dir, LOCK_FILE));
    const failed = lockAt(dir);
    await expect(failed).rejects.toHaveProperty("code", "EISDIR");
    const lock = relative(process.cwd(), join(dir, LOCK_FILE));
    const message = `${lock} cannot be read as the write lock (EISDIR). Remove it and run again.`;
    await expect(failed).rejects.toHaveProperty("message", message);
  });

  it("that is a dangling link is waited for like an unreadable one, not spun on", async () => {
    const dir = await folder();
    symlinkSync(join(dir, "nowhere"), join(dir, LOCK_FILE));
    await expect(lockAt(dir, { late: true })).rejects.toHaveProperty("message", waited(dir, "another process"));
  });

  it("waits the whole 2 minutes: at the deadline itself it looks again", async () => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    await leave(path, owner(process.ppid, HERE));
    vi.useFakeTimers({ toFake: ["Date"], now: AT - WAIT_MS });
    const taking = lockFolder(dir, { recover: true }).then(
      (lock) => lock.release().then(() => "taken"),
      (error: Error) => error.message,
    );
    vi.setSystemTime(AT);
    // A few polls at the deadline; then the holder lets go. A slow machine polls less, never fails.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rm(path);
    expect(await taking).toBe("taken");
  });
});

describe("the take-over token", () => {
  // The lock's owner is gone; a waiter that creates the token may replace the lock.
  const cases: [string, { token: string; age?: number; removed: boolean }][] = [
    ["of a waiter on this host that is gone is removed", { token: owner(DEAD_PID, HERE), removed: true }],
    ["unreadable and two seconds old is removed", { token: "", age: 2000, removed: true }],
    ["of a live waiter is left to it", { token: owner(process.ppid, HERE), removed: false }],
    ["unreadable and a second old exactly is left to its waiter", { token: "{", age: 1000, removed: false }],
  ];

  it.each(cases)("%s", async (_name, { token, age, removed }) => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    await leave(path, owner(DEAD_PID, HERE, { transaction }));
    await leave(`${path}.takeover`, token, age);
    if (removed) {
      // The first look removes the token, the next takes the lock over (the clock stays at AT).
      const lock = await lockAt(dir);
      expect(carried(lock)).toStrictEqual({ interrupted: transaction, leftBy: DEAD_PID });
      expect(await readdir(dir)).toEqual([LOCK_FILE]);
      return;
    }
    // The message names the lock's owner, gone as it is: the token's waiter is about to replace it.
    await expect(lockAt(dir, { late: true })).rejects.toHaveProperty(
      "message",
      waited(dir, `process ${DEAD_PID} on ${HERE}`),
    );
    expect(await readFile(`${path}.takeover`, "utf8")).toBe(token);
  });

  it("of a waiter that is gone, removed by another waiter first, is not missed", async () => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    await leave(path, owner(DEAD_PID, HERE, { transaction }));
    await leave(`${path}.takeover`, owner(DEAD_PID + 1, HERE));
    const kill = process.kill.bind(process);
    // Its waiter is found gone; meanwhile another waiter, on the same look, removes the token.
    vi.spyOn(process, "kill").mockImplementation((pid, signal) => {
      if (pid === DEAD_PID + 1) rmSync(`${path}.takeover`);
      if (pid >= DEAD_PID) throw Object.assign(new Error("kill ESRCH"), { code: "ESRCH" });
      return kill(pid, signal);
    });
    const lock = await lockAt(dir);
    expect(carried(lock)).toStrictEqual({ interrupted: transaction, leftBy: DEAD_PID });
  });

  it("that cannot be created for another reason than being there fails the lock with that error", async () => {
    // The folder's path is long enough for the lock and too long for the token beside it.
    const length = 4090 - LOCK_FILE.length - 1;
    let dir = await mkdtemp(join(tmpdir(), "write-lock-"));
    while (dir.length + 200 < length) dir = join(dir, "d".repeat(199));
    dir = join(dir, "d".repeat(length - dir.length - 1));
    await mkdir(dir, { recursive: true });
    expect(join(dir, LOCK_FILE)).toHaveLength(4090);
    await leave(join(dir, LOCK_FILE), owner(DEAD_PID, HERE));
    await expect(lockAt(dir, { late: true })).rejects.toHaveProperty("code", "ENAMETOOLONG");
  });
});

describe("a lock's holder", () => {
  it("that abandons it after recording leaves the renames marked for the next writer, and cannot release", async () => {
    const dir = await folder();
    const path = join(dir, LOCK_FILE);
    const first = await lockAt(dir);
    await first.record(transaction);
    expect(JSON.parse(await readFile(path, "utf8"))).toStrictEqual({ pid: process.pid, host: HERE, transaction });
    await first.abandon();
    expect(JSON.parse(await readFile(path, "utf8"))).toStrictEqual({
      pid: process.pid,
      host: HERE,
      transaction,
      abandoned: true,
    });
    await first.release();
    const next = await lockAt(dir, { late: true });
    expect(carried(next)).toStrictEqual({ interrupted: transaction, leftBy: process.pid });
  });

  it("that abandons it before recording leaves an empty transaction", async () => {
    const dir = await folder();
    const lock = await lockAt(dir);
    await lock.abandon();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8"))).toStrictEqual({
      pid: process.pid,
      host: HERE,
      transaction: { renames: [], remove: [] },
      abandoned: true,
    });
  });

  it("lets go once: a second release leaves the next holder's lock alone", async () => {
    const dir = await folder();
    const first = await lockAt(dir);
    await first.release();
    const second = await lockAt(dir);
    await first.release();
    expect(await readFile(join(dir, LOCK_FILE), "utf8")).toBe(owner(process.pid, HERE));
    await second.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("releases a lock someone removed by hand (as the wait's message tells them to) without failing", async () => {
    const dir = await folder();
    const lock = await lockAt(dir);
    await rm(join(dir, LOCK_FILE));
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ["a reader puts the dead writer's lock back whole, for a writer to finish", false, true],
    ["a writer removes it", true, false],
  ])("of a lock taken from a dead writer: on release %s", async (_name, recover, left) => {
    const dir = await folder();
    const text = owner(DEAD_PID, HERE, { transaction });
    await leave(join(dir, LOCK_FILE), text);
    const lock = await lockAt(dir, { recover });
    expect(carried(lock)).toStrictEqual({ interrupted: transaction, leftBy: DEAD_PID });
    await lock.release();
    expect(await readdir(dir)).toEqual(left ? [LOCK_FILE] : []);
    if (left) expect(await readFile(join(dir, LOCK_FILE), "utf8")).toBe(text);
  });
});

describe("a folder", () => {
  it("that is not there is not created for a reader, whose lock guards nothing", async () => {
    const dir = join(await folder(), "not/there");
    const lock = await lockAt(dir, { recover: false });
    expect(lock.path).toBe(join(dir, LOCK_FILE));
    expect(carried(lock)).toStrictEqual({});
    await lock.record(transaction);
    await lock.abandon();
    await lock.release();
    await expect(stat(join(dir, ".."))).rejects.toHaveProperty("code", "ENOENT");
  });

  it("that is not there is created for a writer, parents too, with the writer's lock in it", async () => {
    const dir = join(await folder(), "not/there");
    const lock = await lockAt(dir);
    expect(await readFile(join(dir, LOCK_FILE), "utf8")).toBe(owner(process.pid, HERE));
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([false, true])("that is a file fails the lock with ENOTDIR (recover: %s)", async (recover) => {
    const file = join(await folder(), "file");
    await writeFile(file, "");
    await expect(lockAt(join(file, "generated"), { recover })).rejects.toHaveProperty("code", "ENOTDIR");
  });
});
