// Redocly's problems as findings, on a throwaway two-file spec: the severity, the trimmed
// message, the file that holds the problem (a `$ref`d one too), the position and the path
// decoded from Redocly's JSON pointer; the per-API rules, ignored problems, and a root that is
// not YAML.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../scripts/lint/findings.js";
import { loadRedocly, type RedoclyLinter } from "../../scripts/lint/redocly.js";
import { brief as briefOf } from "./throwaway.js";

const CONFIG = `apis:
  mini:
    root: openapi.yaml
    rules:
      operation-summary: off
extends: [minimal]
rules:
  operation-summary: warn
  operation-operationId: error
  rule/description-x:
    subject: { type: Operation, property: description }
    assertions: { pattern: /^x/ }
    message: "  Starts with x.  "
    severity: warn
`;
const ROOT = `openapi: 3.1.0
info:
  title: Mini
  version: '1'
servers: [{ url: 'https://api.mini.test' }]
security: []
paths:
  /tasks/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      operationId: getTask
      description: not x
      responses:
        '200':
          $ref: ./responses.yaml#/Ok
`;
const RESPONSES = `Ok:
  description: ok
  content:
    application/json:
      schema:
        type: object
        properties:
          a~b: { type: strin }
`;
// Redocly marks the problems this file lists as ignored.
const IGNORE = `no-operation-id.yaml:
  operation-operationId:
    - '#/paths/~1tasks~1{id}/get/operationId'
`;

let dir: string;
let redocly: RedoclyLinter;
const at = (file: string): string => join(dir, file);
const brief = (findings: readonly Finding[]): string[] => briefOf(findings, dir);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "redocly-lint-"));
  const noInfo = "openapi: 3.1.0\nservers: [{ url: 'https://api.mini.test' }]\npaths: {}\n";
  const noOperationId = ROOT.replace("      operationId: getTask\n", "");
  await Promise.all([
    writeFile(at("redocly.yaml"), CONFIG),
    writeFile(at("openapi.yaml"), ROOT),
    writeFile(at("responses.yaml"), RESPONSES),
    writeFile(at("no-info.yaml"), noInfo),
    writeFile(at("no-operation-id.yaml"), noOperationId),
    writeFile(at("broken.yaml"), "openapi: 3.1.0\ninfo:\n  title: a: b\n  version: '1'\npaths: {}\n"),
  ]);
  redocly = await loadRedocly(at("redocly.yaml"));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the Redocly linter", () => {
  it("reports each problem in the file that holds it, with the path its pointer names", async () => {
    expect(brief(await redocly.lintFile(at("openapi.yaml")))).toEqual([
      'operation-summary warning /openapi.yaml:11:5 ["paths","/tasks/{id}","get","summary"]',
      'rule/description-x warning /openapi.yaml:13:20 ["paths","/tasks/{id}","get","description"]',
      // `~` and `/` in a key are escaped in the pointer, and read back.
      'struct error /responses.yaml:8:24 ["Ok","content","application/json","schema","properties","a~b","type"]',
    ]);
  });

  it("trims the message and names the linter", async () => {
    const found = await redocly.lintFile(at("openapi.yaml"));
    const custom = found.find((f) => f.rule === "rule/description-x");
    expect(custom).toMatchObject({ linter: "redocly", message: "Starts with x." });
  });

  it("gives a problem at the document's root an empty path", async () => {
    const found = await redocly.lintFile(at("no-info.yaml"));
    expect(brief(found)).toEqual(["struct error /no-info.yaml:1:1 []"]);
  });

  it("lints with the rules of the API named, and with the root rules otherwise", async () => {
    const rules = async (api?: string) => (await redocly.lintFile(at("openapi.yaml"), api)).map((f) => f.rule);
    expect(await rules()).toContain("operation-summary");
    expect(await rules("mini")).not.toContain("operation-summary");
  });

  it("leaves out the problems Redocly's ignore file lists", async () => {
    const rules = async () => (await redocly.lintFile(at("no-operation-id.yaml"))).map((f) => f.rule);
    expect(await rules()).toContain("operation-operationId");
    await writeFile(at(".redocly.lint-ignore.yaml"), IGNORE);
    try {
      const ignoring = await loadRedocly(at("redocly.yaml"));
      const found = await ignoring.lintFile(at("no-operation-id.yaml"));
      expect(found.map((f) => f.rule)).not.toContain("operation-operationId");
      expect(found.map((f) => f.rule)).toContain("operation-summary");
    } finally {
      await rm(at(".redocly.lint-ignore.yaml"));
    }
  });

  it("reports a root that is not YAML as one finding at the broken line", async () => {
    expect(await redocly.lintFile(at("broken.yaml"))).toEqual([
      {
        linter: "redocly",
        rule: "yaml-syntax",
        severity: "error",
        message: expect.stringMatching(/^YAML syntax error: .+\. Fix the indentation or quoting on that line/),
        file: at("broken.yaml"),
        line: 3,
        column: 1,
        path: [],
      },
    ]);
  });

  it("turns Redocly's telemetry off", async () => {
    delete process.env.REDOCLY_TELEMETRY;
    await loadRedocly(at("redocly.yaml"));
    expect(process.env.REDOCLY_TELEMETRY).toBe("off");
  });

  it("passes on Redocly's error for a root it cannot read", async () => {
    await expect(redocly.lintFile(at("missing.yaml"))).rejects.toThrow(/ENOENT: no such file or directory/);
  });
});
