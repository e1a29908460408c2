// A git ref is someone else's work (a pull request): `npm run diff --base <ref>` reads its specs
// from the files it holds and nothing else. A symbolic link, a `$ref` that leaves the tree
// (absolute, `../` past its root, remote) or a root outside it, and a plugin in its redocly.yaml
// each end in a clear error naming the file (exit 2), with nothing outside read or run.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { access, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../../scripts/diff/cli.js";
import { capture } from "../support/io.js";
import { readSide } from "../../scripts/diff/sides.js";
import { removeCopies, replaceIn, specsRepo } from "./fixture.js";

const ID = "components/parameters/Id.yaml";
const TASK = "openapi/ittybit/paths/tasks_{id}.yaml";
const MARK = "OUTSIDE-THE-CHECKOUT";

let repo: Awaited<ReturnType<typeof specsRepo>>;
let outside: string;
let server: Server;
let fetched: string[];

beforeAll(async () => {
  repo = await specsRepo();
  // A valid parameter file outside the repository: on main a ref could read it into the diff.
  outside = join(await mkdtemp(join(tmpdir(), "diff-outside-")), "Id.yaml");
  const id = await readFile(join(repo.dir, "openapi/ittybit", ID), "utf8");
  await writeFile(outside, id.replace(/description: .*/, `description: ${MARK}`));
  fetched = [];
  server = createServer((req, res) => {
    fetched.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/yaml" }).end(id);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await removeCopies();
});

/** Commits `change` on a new branch from v1, and goes back to main; returns the branch. */
async function hostileRef(name: string, change: () => Promise<void>): Promise<string> {
  repo.git("checkout", "-q", "-b", name, "v1");
  await change();
  repo.git("add", "-A");
  repo.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", name);
  repo.git("checkout", "-q", "main");
  return name;
}

const idRef = (to: string) => () =>
  replaceIn(join(repo.dir, TASK), "  - $ref: ../components/parameters/Id.yaml", `  - $ref: ${to}`);

async function refused(ref: string): Promise<string> {
  const io = capture(repo.dir);
  expect(await runDiff(["--base", ref, "--head", "v1"], io)).toBe(2);
  const message = io.stderr().replace(/\n$/, "");
  expect(message).not.toContain(MARK);
  return message;
}

describe("a ref", () => {
  it("holding a symbolic link to a file outside is refused, naming the link", async () => {
    const ref = await hostileRef("symlink", async () => {
      const link = join(repo.dir, "openapi/ittybit", ID);
      await import("node:fs/promises").then((fs) => fs.rm(link));
      await symlink(outside, link);
    });
    expect(await refused(ref)).toBe(
      `${ref}: openapi/ittybit/${ID} is a symbolic link. ` +
        "Commit the file itself: a ref's specs are read only from the files it holds.",
    );
  });

  it.each([
    ["an absolute $ref", () => outside, "is outside it"],
    ["a $ref that climbs out of the tree", () => `../../../../../../../../..${outside}`, "is outside it"],
    ["a remote $ref", () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/Id.yaml`, "is remote"],
  ])("with %s is refused at the $ref's file and line, and nothing is read", async (name, target, why) => {
    const ref = await hostileRef(name.replace(/\W+/g, "-").replace(/^-|-$/g, ""), idRef(target()));
    const message = await refused(ref);
    expect(message).toMatch(
      new RegExp(`^${ref}: ${TASK.replace(/[{}]/g, "\\$&")}:2: Can't resolve \\$ref: only files inside the checkout`),
    );
    expect(message).toContain(why);
    expect(message).toContain("Point the `$ref` at a file inside the checkout by a relative path");
    expect(fetched).toEqual([]);
  });

  it("whose API root lies outside is refused at redocly.yaml's line", async () => {
    const ref = await hostileRef("root-outside", () =>
      replaceIn(join(repo.dir, "redocly.yaml"), "root: openapi/ittybit/openapi.yaml", `root: ${outside}`),
    );
    const message = await refused(ref);
    expect(message).toMatch(new RegExp(`^${ref}: redocly\\.yaml:\\d+: API "ittybit" only files inside the checkout`));
  });

  it("whose redocly.yaml loads a plugin is refused, and the plugin never runs", async () => {
    const ran = join(tmpdir(), `plugin-ran-${process.pid}`);
    const ref = await hostileRef("plugin", async () => {
      const plugin = `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(ran)}, "ran");\n`;
      await writeFile(join(repo.dir, "openapi/plugin.mjs"), `${plugin}export default () => ({ id: "evil" });\n`);
      await replaceIn(join(repo.dir, "redocly.yaml"), "apis:", "plugins:\n  - ./openapi/plugin.mjs\napis:");
    });
    const message = await refused(ref);
    expect(message).toMatch(new RegExp(`^${ref}: redocly\\.yaml: It loads plugins \\(openapi/plugin\\.mjs\\)`));
    await expect(access(ran)).rejects.toThrow();
  });

  it("that keeps to its files is read as before", async () => {
    const side = await readSide("v1", repo.dir, "ittybit");
    expect(side.contracts.map((c) => c.name)).toEqual(["ittybit"]);
  });
});
