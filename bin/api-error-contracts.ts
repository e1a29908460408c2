#!/usr/bin/env node
/// <reference types="node" />
// The package's command (package.json `bin`): `api-error-contracts coverage <folder> …` reports
// which documented errors of every API a test run's records exercise (src/coverage/cli.ts). Exit
// codes are the command's; a failure it did not expect is printed with its stack, exit 2.
import { errorTables } from "../generated/apis.js";
import { coverageCommand } from "../src/coverage/cli.js";

const print = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(`${text}\n`);
try {
  process.exitCode = coverageCommand(
    process.argv.slice(2),
    { out: print(process.stdout), err: print(process.stderr) },
    errorTables,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
