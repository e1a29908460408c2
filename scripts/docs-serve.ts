// `npm run docs:serve [-- --port <n>]`: see docs/serve.ts.
import { runAsProcess } from "./command.js";
import { serveDocs } from "./docs/serve.js";

runAsProcess(serveDocs);
