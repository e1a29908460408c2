// `npm run generate [-- --check | --watch | --force | --no-build]`: see generate/cli.ts.
import { runAsProcess } from "./command.js";
import { generate } from "./generate/cli.js";

runAsProcess(generate);
