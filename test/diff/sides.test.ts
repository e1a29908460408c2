// Reading a side: a git ref of a temporary repository or a folder, and the clear errors for a
// bad ref, a folder or commit without specs, and a spec that does not parse.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffContracts } from "../../scripts/diff/compare.js";
import { DiffInputError, readSide } from "../../scripts/diff/sides.js";
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
