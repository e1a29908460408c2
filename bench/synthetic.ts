// Synthetic specs in the project's own conventions (openapi/README.md), to see how the
// pipeline scales: one file per path, one schema per error code, per-operation oneOf unions.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface SyntheticSize {
  readonly operations: number;
  readonly codes: number;
}

const codeName = (i: number): string => `error_${String(i).padStart(4, "0")}`;
const STATUSES = [400, 404, 409, 422, 500];

function errorSchema(i: number): string {
  const code = codeName(i);
  return `title: ${code}
description: Synthetic error number ${i}.
type: object
required: [kind, message]
properties:
  kind:
    type: string
    const: ${code}
  message:
    type: string
x-error-status: ${STATUSES[i % STATUSES.length]}
examples:
  - kind: ${code}
    message: Synthetic error ${i} happened.
`;
}

/** The codes of one status that operation `op` returns: three neighbours, so every code is used. */
function codesFor(op: number, status: number, codes: number): number[] {
  const ofStatus = Array.from({ length: codes }, (_, i) => i).filter((i) => STATUSES[i % STATUSES.length] === status);
  const start = (op * 3) % ofStatus.length;
  return [0, 1, 2].map((k) => ofStatus[(start + k) % ofStatus.length]!).filter((v, k, all) => all.indexOf(v) === k);
}

function pathFile(op: number, codes: number): string {
  const responses = STATUSES.map((status) => {
    const refs = codesFor(op, status, codes)
      .map((c) => `            - $ref: ../components/schemas/errors/${codeName(c)}.yaml`)
      .join("\n");
    return [
      `    '${status}':`,
      `      description: Status ${status}.`,
      "      content:",
      "        application/json:",
      "          schema:",
      "            oneOf:",
      refs,
    ].join("\n");
  }).join("\n");
  return `parameters:
  - name: id
    in: path
    required: true
    schema:
      type: string
get:
  operationId: getThing${op}
  summary: Get thing ${op}
  tags: [Things]
  responses:
    '200':
      description: The thing.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Thing.yaml
${responses}
`;
}

function rootFile({ operations, codes }: SyntheticSize, title: string): string {
  const paths = Array.from(
    { length: operations },
    (_, i) => `  /things${i}/{id}:\n    $ref: ./paths/things${i}_{id}.yaml`,
  ).join("\n");
  const schemas = Array.from(
    { length: codes },
    (_, i) => `    ${codeName(i)}:\n      $ref: ./components/schemas/errors/${codeName(i)}.yaml`,
  ).join("\n");
  return `openapi: 3.1.0
info:
  title: ${title}
  version: "1"
  license:
    name: MIT
    identifier: MIT
servers:
  - url: https://api.example.com
security:
  - bearerAuth: []
tags:
  - name: Things
    description: Synthetic things.
x-error-envelope:
  code: /kind
  message: /message
paths:
${paths}
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
  schemas:
    Thing:
      $ref: ./components/schemas/Thing.yaml
${schemas}
`;
}

/** Writes one API's folder, openapi/<name>/. */
async function writeApi(root: string, name: string, title: string, size: SyntheticSize): Promise<void> {
  const api = join(root, "openapi", name);
  await mkdir(join(api, "paths"), { recursive: true });
  await mkdir(join(api, "components/schemas/errors"), { recursive: true });
  await writeFile(join(api, "openapi.yaml"), rootFile(size, title));
  await writeFile(join(api, "components/schemas/Thing.yaml"), "type: object\nproperties:\n  id:\n    type: string\n");
  await Promise.all(
    Array.from({ length: size.codes }, (_, i) =>
      writeFile(join(api, `components/schemas/errors/${codeName(i)}.yaml`), errorSchema(i)),
    ),
  );
  await Promise.all(
    Array.from({ length: size.operations }, (_, i) =>
      writeFile(join(api, `paths/things${i}_{id}.yaml`), pathFile(i, size.codes)),
    ),
  );
}

/**
 * Writes a project folder (redocly.yaml + openapi/<api>/) of `apis` APIs of this size and
 * returns its redocly.yaml path. One API is named `synthetic`; several, `synthetic01`, ….
 * `prerenderLimit` is written as redocly.yaml's `x-docs` when given (else the default holds).
 */
export async function writeSyntheticProject(
  root: string,
  size: SyntheticSize,
  apis = 1,
  prerenderLimit?: number,
): Promise<string> {
  const names = Array.from({ length: apis }, (_, i) => (apis === 1 ? "" : String(i + 1).padStart(2, "0")));
  await Promise.all(names.map((n) => writeApi(root, `synthetic${n}`, `Synthetic ${n}`.trim(), size)));
  const entries = names.map((n) => `  synthetic${n}:\n    root: openapi/synthetic${n}/openapi.yaml\n`);
  const docs = prerenderLimit === undefined ? "" : `x-docs:\n  prerender-limit: ${prerenderLimit}\n`;
  await writeFile(join(root, "redocly.yaml"), `apis:\n${entries.join("")}${docs}`);
  return join(root, "redocly.yaml");
}
