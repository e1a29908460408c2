/**
 * The one definition of where an error code is documented. The docs generator puts each
 * code's entry at `errorAnchor(code)` and the clients' `docsUrl` points there.
 *
 * The anchor is a Redoc route, not a plain element id: Redoc treats the whole fragment as a
 * path (`#/errors/task_not_found`), loads that section and scrolls to it, and answers any
 * other fragment with its "no page at this address" view. Each code is a heading inside the
 * generated "Errors" tag, so its route is `/errors/<code>`.
 */
export function errorAnchor(code: string): string {
  return `${errorsAnchor()}/${code}`;
}

/** The route of the section that holds every code's entry (Redoc's route of the "Errors" tag). */
export function errorsAnchor(): string {
  return "/errors";
}

/** The URL of a code's entry in the rendered docs of one API (`<base>/<api>.html#<anchor>`). */
export function errorDocsUrl(baseUrl: string | URL, api: string, code: string): string {
  const base = String(baseUrl);
  return `${base.endsWith("/") ? base : `${base}/`}${api}.html#${errorAnchor(code)}`;
}

/**
 * Where a code's static page sits inside the docs folder: one small HTML page per code, with
 * no script, so that it opens straight from disk (`file:`), where the Redoc pages cannot run.
 * The clients' default `docsUrl` (no `docsBaseUrl` given) points at this page.
 */
export function errorPagePath(api: string, code: string): string {
  return `${api}/errors/${code}.html`;
}
