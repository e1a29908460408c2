// @ts-check
// Reading a spec that is someone else's (a git ref: a pull request) without reading anything
// else: a resolver that loads only files whose real path is inside one folder, and nothing
// remote. What it refuses reaches the bundler as an unresolved `$ref`, at the `$ref`'s file and
// line, with REFUSED in its message.
import { realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { BaseResolver, ResolveError } from "@redocly/openapi-core";

/** Starts the message of every refused read, so the reader can give the fix that goes with it. */
export const REFUSED = "only files inside the checkout are read";

/** A path's real path (symbolic links followed), or the path itself when nothing is there yet. */
function real(/** @type {string} */ path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Why `target` (a path or URL, as the resolver has it) may not be read from `root`, or undefined.
 * @param {string} root the folder's real path
 * @param {string} target
 */
export function refusal(root, target) {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(target)) return `${REFUSED}, and ${target} is remote.`;
  const path = real(target);
  const inside = relative(root, path);
  if (inside !== "" && !inside.startsWith("..") && !isAbsolute(inside)) return undefined;
  const link = path === target ? "" : ` is a symbolic link to ${path}, which`;
  return `${REFUSED}, and ${target}${link} is outside it.`;
}

export class ConfinedResolver extends BaseResolver {
  /**
   * @param {string} root the folder every read stays in
   * @param {ConstructorParameters<typeof BaseResolver>[0]} [config]
   */
  constructor(root, config) {
    super(config);
    /** @readonly */ this.root = real(root);
  }

  /** @override @param {string} absoluteRef */
  async loadExternalRef(absoluteRef) {
    const refused = refusal(this.root, absoluteRef);
    if (refused) throw new ResolveError(new Error(refused));
    return super.loadExternalRef(absoluteRef);
  }
}
