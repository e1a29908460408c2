// Reading a side: a git ref of a temporary repository or a folder, and the clear errors for a
// bad ref, a folder or commit without specs, and a spec that does not parse. A ref is hostile
// input: one that is not a commit (a tree, a file, an option to git) or holds a symbolic link
// where the specs are is refused before anything is extracted.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffContracts } from "../../scripts/diff/compare.js";
import { DiffInputError, readSide, type OnRead } from "../../scripts/diff/sides.js";
import { API_NAMES } from "../support/contracts.js";
import { removeCopies, replaceIn, specsCopy, specsRepo } from "./fixture.js";

const STATUS = "x-error-status: 400";
const changed = [
  expect.objectContaining({ change: "code-status-changed", code: "url_required", before: 400, after: 422 }),
];
let repo: Awaited<ReturnType<typeof specsRepo>>;

beforeAll(async () => {
  repo = await specsRepo();
  await replaceIn(
    join(repo.dir, "openapi/ittybit/components/schemas/errors/url_required.yaml"),
    STATUS,
    "x-error-status: 422",
  );
});

afterAll(removeCopies);

const diffOf = async (base: string | undefined, head: string | undefined) =>
  diffContracts(
    (await readSide(base, repo.dir, "ittybit")).contracts,
    (await readSide(head, repo.dir, "ittybit")).contracts,
  );

describe("readSide", () => {
  it("reads a tag against the working tree", async () => {
    expect(await diffOf("v1", undefined)).toEqual(changed);
  });

  it("reads two commits, and a folder against a commit", async () => {
    repo.git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qam", "url_required is 422");
    expect(await diffOf("HEAD~1", "HEAD")).toEqual(changed);
    const copy = await specsCopy();
    expect(await diffOf(copy, "main")).toEqual(changed);
    expect(await diffOf("v1", copy)).toEqual([]);
  });

  it("labels each side as given and reads every API when none is named", async () => {
    const side = await readSide("v1", repo.dir, undefined);
    expect(side.label).toBe("v1");
    expect(side.contracts.map((c) => c.name)).toEqual(API_NAMES);
    expect((await readSide(undefined, repo.dir, undefined)).label).toBe("working tree");
  });

  it("names a ref that does not exist", async () => {
    await expect(readSide("v9.9.9", repo.dir, undefined)).rejects.toThrow(DiffInputError);
    await expect(readSide("v9.9.9", repo.dir, undefined)).rejects.toThrow(
      /"v9\.9\.9" is neither a folder nor a commit, branch or tag/,
    );
  });

  it("says when a commit has no specs", async () => {
    await expect(readSide("v1~1", repo.dir, undefined)).rejects.toThrow(/v1~1: the commit has no redocly\.yaml/);
  });

  it("says when a folder has no specs", async () => {
    const empty = await mkdtemp(join(tmpdir(), "diff-empty-"));
    try {
      await expect(readSide(empty, repo.dir, undefined)).rejects.toThrow(
        /has no redocly\.yaml\. Give a checkout's root/,
      );
    } finally {
      await rm(empty, { recursive: true });
    }
  });

  it("gives the side, file and line of a spec that does not parse", async () => {
    const broken = await specsCopy((file) =>
      replaceIn(file("ittybit", "paths/tasks_{id}.yaml"), "  summary: Get a task\n", "  summary: Get: a task\n"),
    );
    const error = await readSide(broken, repo.dir, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiffInputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ` +
          "openapi/ittybit/paths/tasks_\\{id\\}\\.yaml:5: YAML syntax error",
      ),
    );
  });
});

/** A commit on top of v1 made in a scratch index (the checkout and HEAD stay as they are), with `edit` applied. */
function commitOnV1(edit: (index: (...args: string[]) => string) => void): string {
  const env = { ...process.env, GIT_INDEX_FILE: join(repo.dir, ".git", "scratch-index") };
  const index = (...args: string[]) => execFileSync("git", args, { cwd: repo.dir, env, encoding: "utf8" }).trim();
  index("read-tree", "v1");
  edit(index);
  const tree = index("write-tree");
  const who = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
  return index(...who, "commit-tree", tree, "-p", "v1", "-m", "scratch");
}

/** Puts a symbolic link to `target` at `path` of the scratch index. */
const link = (path: string, target: string) => (index: (...args: string[]) => string) => {
  const blob = execFileSync("git", ["hash-object", "-w", "--stdin"], {
    cwd: repo.dir,
    input: target,
    encoding: "utf8",
  });
  index("update-index", "--add", "--cacheinfo", `120000,${blob.trim()},${path}`);
};

describe("readSide of a ref, as hostile input", () => {
  it.each([
    ["a tree", () => repo.git("rev-parse", "v1^{tree}").trim()],
    ["a file", () => repo.git("rev-parse", "v1:redocly.yaml").trim()],
    ["an option to git", () => "--all"],
    ["an option that writes a file", () => `--output=${join(repo.dir, "written")}`],
  ])("refuses %s where a commit is wanted", async (_, ref) => {
    const name = ref();
    const error = await readSide(name, repo.dir, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiffInputError);
    expect((error as Error).name).toBe("DiffInputError");
    expect((error as Error).message).toBe(
      `"${name}" is neither a folder nor a commit, branch or tag of the git repository at ${repo.dir}. ` +
        "Check the name (`git tag`, `git branch -a`).",
    );
    expect(existsSync(join(repo.dir, "written"))).toBe(false);
  });

  it.each([
    ["redocly.yaml", "/etc/hostname"],
    ["openapi", "/etc"],
  ])("refuses a ref whose %s is itself a symbolic link", async (path, target) => {
    const commit = commitOnV1((index) => {
      index("rm", "--cached", "-r", "-q", "-f", path);
      link(path, target)(index);
    });
    await expect(readSide(commit, repo.dir, undefined)).rejects.toThrow(
      new DiffInputError(
        `${commit}: ${path} is a symbolic link. ` +
          "Commit the file itself: a ref's specs are read only from the files it holds.",
      ),
    );
  });

  it("reads a ref with a symbolic link outside redocly.yaml and openapi/: it extracts nothing else", async () => {
    const commit = commitOnV1(link("docs-link", "/etc"));
    const side = await readSide(commit, repo.dir, "ittybit");
    expect(side.contracts.map((c) => c.name)).toEqual(["ittybit"]);
  });
});

describe("readSide's report of what it read", () => {
  it("names the commit of a ref and the folder of a folder, with the time taken", async () => {
    const calls: Parameters<OnRead>[] = [];
    const onRead: OnRead = (...args) => calls.push(args);
    const copy = await specsCopy();
    const started = performance.now();
    await readSide("v1", repo.dir, "willittrack", onRead);
    // A relative folder is the repository's, not the process's working directory's.
    await readSide(relative(repo.dir, copy), repo.dir, "willittrack", onRead);
    await readSide(undefined, repo.dir, "willittrack", onRead);
    const took = performance.now() - started;
    const v1 = repo.git("rev-parse", "v1^{commit}").trim();
    expect(calls).toEqual([
      ["v1", `commit ${v1.slice(0, 12)}`, expect.any(Number)],
      [relative(repo.dir, copy), `folder ${copy}`, expect.any(Number)],
      ["working tree", `folder ${repo.dir}`, expect.any(Number)],
    ]);
    // Each read's own time: within the time all three took.
    expect(calls.every(([, , ms]) => ms >= 0 && ms <= took)).toBe(true);
  });
});

describe("readSide of a folder", () => {
  // A folder is the user's own checkout, read as the project reads it; only a ref is confined.
  it("follows a $ref to a file outside it", async () => {
    const outside = join(await mkdtemp(join(tmpdir(), "diff-outside-")), "Id.yaml");
    try {
      const folder = await specsCopy(async (file) => {
        await cp(file("ittybit", "components/parameters/Id.yaml"), outside);
        await replaceIn(
          file("ittybit", "paths/tasks_{id}.yaml"),
          "$ref: ../components/parameters/Id.yaml",
          `$ref: ${outside}`,
        );
      });
      expect((await readSide(folder, repo.dir, "ittybit")).contracts.map((c) => c.name)).toEqual(["ittybit"]);
    } finally {
      await rm(dirname(outside), { recursive: true });
    }
  });

  it("lets an error that is not a spec's problem through as it is", async () => {
    const folder = await mkdtemp(join(tmpdir(), "diff-odd-"));
    try {
      await mkdir(join(folder, "redocly.yaml"));
      await expect(readSide(folder, repo.dir, undefined)).rejects.toThrow(/^EISDIR: illegal operation on a directory/);
    } finally {
      await rm(folder, { recursive: true });
    }
  });
});
