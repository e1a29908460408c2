#!/usr/bin/env node
/// <reference types="node" />
// The package's command (package.json `bin`): `api-error-contracts coverage <folder> …` reports
// which documented errors of every API a test run's records exercise (src/coverage/cli.ts).
import { errorTables } from "../generated/apis.js";
import { coverageCommand } from "../src/coverage/cli.js";

process.exitCode = coverageCommand(
  process.argv.slice(2),
  { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
  errorTables,
);
