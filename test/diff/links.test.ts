// The release notes' links, in-process: a code's entry and an operation's section on the head
// side, and no link for what the head has no entry for. links.browser.test.ts opens them.
import { describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/diff/contract.js";
import { docsLinks } from "../../scripts/diff/links.js";

type Head = Parameters<typeof docsLinks>[0][number];

// The model gives an operation without an id the id "".
const operation = (key: string, operationId = ""): Contract["operations"][number] => {
  const [method, path] = key.split(" ") as [string, string];
  return { key, method, path, operationId, errors: [], successStatuses: ["200"] };
};

/** A document as read from a ref: firstTag checks every level, so the tests give it any shape. */
const doc = (value: unknown) => value as Head["document"];

const demo: Head = {
  name: "demo",
  catalog: [{ code: "thing_missing" }] as Contract["catalog"],
  operations: [
    operation("GET /things", "listThings"),
    operation("POST /things", "createThing"),
    operation("DELETE /things", "deleteThings"),
    operation("PUT /things", "putThings"),
    operation("PATCH /things"),
  ],
  document: doc({
    paths: {
      "/things": {
        // Redoc files an operation under its first tag.
        get: { tags: ["Thing store", "Other"] },
        post: { tags: [7, "Things"] },
        delete: { tags: "Things" },
        patch: { tags: ["Things"] },
      },
    },
  }),
};
const other: Head = {
  ...demo,
  name: "other",
  catalog: [],
  document: doc({ paths: { "/things": "not an operation" } }),
};

const links = docsLinks([other, demo], "https://docs.example/");

describe("docsLinks", () => {
  it("links a code the API's catalog has, to its entry in that API's docs", () => {
    expect(links.code("demo", "thing_missing")).toBe("https://docs.example/demo.html#/errors/thing_missing");
  });

  it.each([
    ["a code the catalog does not have", "demo", "gone"],
    ["a code of another API", "other", "thing_missing"],
    ["an API the head does not have", "nope", "thing_missing"],
  ])("gives no link for %s", (_, api, code) => {
    expect(links.code(api, code)).toBeUndefined();
  });

  it("links an operation to its section, under its first tag, the method matched in lower case", () => {
    expect(links.operation("demo", "GET /things")).toBe("https://docs.example/demo.html#/thing-store/listthings");
  });

  it.each([
    ["whose first tag is not a string", "demo", "POST /things"],
    ["whose tags are not a list", "demo", "DELETE /things"],
    ["that has no entry under its path", "demo", "PUT /things"],
    ["without an operationId", "demo", "PATCH /things"],
    ["the head does not have", "demo", "GET /gone"],
    ["whose path item is not an object", "other", "GET /things"],
    ["of an API the head does not have", "nope", "GET /things"],
  ])("gives no link for an operation %s", (_, api, key) => {
    expect(links.operation(api, key)).toBeUndefined();
  });

  it.each([
    ["no paths", {}],
    ["paths that are not an object", { paths: ["/things"] }],
    ["no document", undefined],
  ])("gives no operation link for a document with %s", (_, document) => {
    const head = docsLinks([{ ...demo, document: doc(document) }], "https://docs.example/");
    expect(head.operation("demo", "GET /things")).toBeUndefined();
  });
});
