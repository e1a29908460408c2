// `npm run verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]`: see verify/cli.ts.
import { runAsProcess } from "./command.js";
import { verify } from "./verify/cli.js";

runAsProcess(verify);
