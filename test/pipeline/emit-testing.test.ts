// The emitter of generated/<api>/testing.ts: the `@example` lines of its response builder, on
// operation tables the real specs do not have (the drift gate covers what they do have).
import { beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { emitTesting } from "../../scripts/pipeline/emit-testing.js";
import { realContract } from "../support/contracts.js";

type Declared = [status: string, codes: string[], open: boolean];

let model: Contract;

beforeAll(async () => {
  model = await realContract("willittrack");
});

/** The `@example` lines of testing.ts for a contract whose operations declare these statuses. */
function examples(operations: Record<string, Declared[]>): string[] {
  const contract: Contract = {
    ...model,
    operations: Object.entries(operations).map(([key, errors]) => {
      const [method = "", path = ""] = key.split(" ");
      return {
        key,
        method,
        path,
        operationId: "",
        errors: errors.map(([status, codes, open]) => ({ status, codes, open, headers: [] })),
        successStatuses: [],
      };
    }),
  };
  const testing = String(emitTesting(contract).find((file) => file.path.endsWith("/testing.ts"))?.content);
  return testing.split("\n").filter((line) => line.startsWith(" * @example"));
}

const code = (key: string, c: string) => ` * @example willItTrackErrorResponse("${key}", "${c}") // a code`;
const open = (key: string, s: number) => ` * @example willItTrackErrorResponse("${key}", ${s}) // an open status`;

describe("emitTesting's @example lines", () => {
  it.each<[string, Record<string, Declared[]>, string[]]>([
    [
      "the first status with a code, and the first exact open status",
      {
        "GET /a": [
          ["404", [], true],
          ["409", ["taken"], false],
        ],
        "GET /b": [["500", ["broken"], true]],
      },
      [code("GET /a", "taken"), open("GET /a", 404)],
    ],
    [
      "an exact open status after a range and default, which cannot be asked for by number",
      {
        "GET /a": [
          ["4XX", ["bad"], true],
          ["default", [], true],
        ],
        "GET /b": [["503", [], true]],
      },
      [code("GET /a", "bad"), open("GET /b", 503)],
    ],
    [
      "no code line when no status has a code",
      {
        "GET /a": [
          ["4XX", [], true],
          ["429", [], true],
        ],
      },
      [open("GET /a", 429)],
    ],
    [
      "no open line when no exact status is open",
      {
        "GET /a": [
          ["404", ["gone"], false],
          ["5XX", [], true],
        ],
      },
      [code("GET /a", "gone")],
    ],
    ["none when no operation declares an error", { "GET /a": [] }, []],
  ])("%s", (_name, operations, expected) => {
    expect(examples(operations)).toEqual(expected);
  });
});
