// What an editor shows on hover: TypeScript's language service over one file that exists only in
// memory, importing real modules (sources or an installed package's declarations) from disk.
import { readFileSync } from "node:fs";
import ts from "typescript";

export interface Hover {
  /** The JSDoc the editor shows under the type of the hovered key, as plain text. */
  readonly docs: (needle: string) => string;
  /** The line the editor shows for the hovered name (its kind, name and type), as plain text. */
  readonly shown: (needle: string) => string;
}

/**
 * A language service over `text`, taken to be the file `path` (it is never written). `docs(needle)`
 * hovers the first occurrence of `needle` in it, inside its first quoted string (a key);
 * `shown(needle)` hovers its first character.
 */
export function hoverIn(path: string, text: string): Hover {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    // The sources' runtime includes plain JavaScript typed by JSDoc (src/tables.js, src/http.js);
    // an installed package has its declarations instead.
    allowJs: true,
    noEmit: true,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [path],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      if (file === path) return ts.ScriptSnapshot.fromString(text);
      const body = ts.sys.readFile(file);
      return body === undefined ? undefined : ts.ScriptSnapshot.fromString(body);
    },
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === path || ts.sys.fileExists(file),
    readFile: (file) => (file === path ? text : readFileSync(file, "utf8")),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const errors = service.getSemanticDiagnostics(path).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (errors.length > 0) throw new Error(`The hovered file does not compile: ${errors.join("; ")}`);
  return {
    docs(needle) {
      const at = text.indexOf(needle);
      if (at < 0) throw new Error(`"${needle}" is not in the hovered file.`);
      const info = service.getQuickInfoAtPosition(path, at + needle.indexOf('"') + 1);
      return ts.displayPartsToString(info?.documentation);
    },
    shown(needle) {
      const at = text.indexOf(needle);
      if (at < 0) throw new Error(`"${needle}" is not in the hovered file.`);
      return ts.displayPartsToString(service.getQuickInfoAtPosition(path, at)?.displayParts);
    },
  };
}
