// `npm run mock -- <api>`: see mock/cli.ts.
import { runAsProcess } from "./command.js";
import { mock } from "./mock/cli.js";

runAsProcess(mock);
