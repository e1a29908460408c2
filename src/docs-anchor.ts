/**
 * The one definition of where an error code is documented. The docs generator puts each
 * code's entry at `errorAnchor(code)` and the clients' `docsUrl` points there.
 */
export function errorAnchor(code: string): string {
  return `error-${code}`;
}

/** The URL of a code's entry in the rendered docs of one API (`<base>/<api>.html#<anchor>`). */
export function errorDocsUrl(baseUrl: string | URL, api: string, code: string): string {
  const base = String(baseUrl);
  return `${base.endsWith("/") ? base : `${base}/`}${api}.html#${errorAnchor(code)}`;
}
