// What a confined read (a checkout that is someone else's) refuses: anything remote, and any
// path whose real path is outside the folder, a symbolic link's target included.
import { mkdir, mkdtemp, realpath, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { refusal } from "../../scripts/contract/confined.js";

let root: string;
let outside: string;
beforeAll(async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), "confined-")));
  [root, outside] = [join(base, "checkout"), join(base, "secret.yaml")];
  await mkdir(join(root, "openapi"), { recursive: true });
  await writeFile(join(root, "openapi/a.yaml"), "a: 1\n");
  await writeFile(outside, "b: 2\n");
  await symlink(outside, join(root, "openapi/link.yaml"));
  await symlink(join(root, "openapi/a.yaml"), join(root, "openapi/inner-link.yaml"));
});

describe("refusal", () => {
  it.each([
    ["a file inside", () => join(root, "openapi/a.yaml"), undefined],
    ["a file inside that does not exist", () => join(root, "openapi/missing.yaml"), undefined],
    ["a link to a file inside", () => join(root, "openapi/inner-link.yaml"), undefined],
    ["a file outside", () => outside, /^only files inside the checkout are read, and .*secret\.yaml is outside it\.$/],
    ["a path that climbs out", () => join(root, "openapi/../../secret.yaml"), /is outside it\.$/],
    ["the folder itself", () => root, /is outside it\.$/],
    [
      "a link to a file outside",
      () => join(root, "openapi/link.yaml"),
      /link\.yaml is a symbolic link to .*secret\.yaml, which is outside it\.$/,
    ],
    ["a URL", () => "https://example.com/a.yaml", /, and https:\/\/example\.com\/a\.yaml is remote\.$/],
    ["a file URL", () => "file:///etc/passwd", /is remote\.$/],
  ])("%s", (_, target, expected) => {
    const found = refusal(root, target());
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(expected);
  });
});
