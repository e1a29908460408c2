// The package build (`tsc -p tsconfig.build.json`), in the process that generated the files:
// TypeScript is already loaded there (the types emitter uses it), so the build skips a second
// Node start and a second load of the compiler. The incremental state (`tsBuildInfoFile`) is
// the one `npm run build` keeps, so either may follow the other.
import { resolve } from "node:path";
import ts from "typescript";

export interface BuildResult {
  /** True when the build emitted and found no error. */
  readonly ok: boolean;
  /** Every error and warning, formatted as tsc prints them to a file or pipe (empty when clean). */
  readonly report: string;
}

/** Builds the project of `configFile` (relative to `root`) as `tsc -p` does, incrementally. */
export function buildProject(root: string, configFile: string): BuildResult {
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, configFile), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  if (!parsed) return result(root, configErrors);
  const program = ts.createIncrementalProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  // As tsc: the files are emitted even when the program has errors, which still fail the build.
  const emitted = program.emit();
  return result(root, [...diagnostics, ...emitted.diagnostics]);
}

/** The outcome, with files named relative to the project's root, as `tsc -p` run there names them. */
function result(root: string, diagnostics: readonly ts.Diagnostic[]): BuildResult {
  const sorted = ts.sortAndDeduplicateDiagnostics(diagnostics);
  const formatHost = {
    getCanonicalFileName: (path: string) => path,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  };
  return {
    ok: !sorted.some((d) => d.category === ts.DiagnosticCategory.Error),
    report: sorted.length === 0 ? "" : ts.formatDiagnostics(sorted, formatHost),
  };
}
