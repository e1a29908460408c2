// `npm run lint [-- other/redocly.yaml]`: see lint/cli.ts.
import { runAsProcess } from "./command.js";
import { lint } from "./lint/cli.js";

process.env.REDOCLY_TELEMETRY = "off";
runAsProcess(lint);
