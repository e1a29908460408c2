// One suite for every API in redocly.yaml (test/support/per-api.ts): an API added there is
// held to what the others are, with no test to write.
import { describe, it } from "vitest";
import { API_NAMES, realContract, root } from "./support/contracts.js";
import { checkClient, checkKits, checkSubpaths, checkTestKits } from "./support/per-api.js";

describe.each(API_NAMES)("%s, as every API", (api) => {
  it("has each package subpath, resolved by the exports' patterns to a file that exists", () => {
    checkSubpaths(root, api);
  });

  it("builds, with the server kit, a response for every declared code that its own checker accepts", async () => {
    await checkKits(root, await realContract(api));
  });

  it("has a mock fetch and MSW handlers that the client reads as the documented error", async () => {
    await checkTestKits(root, await realContract(api));
  });

  it("has a client that reads codes, request ids and docs links over loopback and sends its key", async () => {
    await checkClient(root, await realContract(api));
  });
});
