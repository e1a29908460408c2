// Which APIs an edited file affects: the files each spec was read from decide, a file no spec
// reads belongs to the API whose folder holds it, and a config file means everything.
import { describe, expect, it } from "vitest";
import { type ScopeInput, scopeOf, scopeOfFile } from "../../../scripts/generate/watch/scope.js";

const input: ScopeInput = {
  apis: [
    { name: "a", root: "/p/openapi/a/openapi.yaml" },
    { name: "b", root: "/p/openapi/b/openapi.yaml" },
    { name: "c", root: "/p/openapi/c/openapi.yaml" }, // never read: no sources
  ],
  sources: new Map([
    ["a", new Set(["/p/openapi/a/openapi.yaml", "/p/openapi/a/errors/x.yaml", "/p/openapi/shared/e.yaml"])],
    ["b", new Set(["/p/openapi/b/openapi.yaml", "/p/openapi/shared/e.yaml"])],
  ]),
  configFiles: ["/p/redocly.yaml", "/p/.spectral.yaml"],
};

describe("scopeOfFile", () => {
  it.each([
    ["a file one spec reads", "/p/openapi/a/errors/x.yaml", ["a"]],
    ["a file both specs read", "/p/openapi/shared/e.yaml", ["a", "b"]],
    ["a file no spec reads yet, in an API's folder", "/p/openapi/b/errors/new.yaml", ["b"]],
    ["a file of an API whose spec has never read", "/p/openapi/c/openapi.yaml", ["c"]],
    ["a folder whose name starts like an API's", "/p/openapi/ab/x.yaml", []],
    ["a file no spec reads, outside every API's folder", "/p/openapi/shared/unused.yaml", []],
    ["not a spec file, even in an API's folder", "/p/openapi/a/README.md", []],
    ["an editor's swap file", "/p/openapi/a/errors/.x.yaml.swp", []],
    ["redocly.yaml", "/p/redocly.yaml", "all"],
    ["the Spectral ruleset", "/p/.spectral.yaml", "all"],
  ])("%s", (_name, file, want) => {
    expect(scopeOfFile(file, input)).toEqual(want);
  });
});

describe("scopeOf", () => {
  it("joins the APIs of several files, sorted and once each", () => {
    expect(scopeOf(["/p/openapi/b/openapi.yaml", "/p/openapi/a/errors/x.yaml", "/p/openapi/b/c.yaml"], input)).toEqual([
      "a",
      "b",
    ]);
  });

  it("is everything as soon as one file is a config file", () => {
    expect(scopeOf(["/p/openapi/a/errors/x.yaml", "/p/.spectral.yaml"], input)).toBe("all");
  });

  it("is nothing for files no spec reads", () => {
    expect(scopeOf(["/p/openapi/README.md"], input)).toEqual([]);
  });
});
