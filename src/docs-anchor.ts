/**
 * The one definition of where an error code is documented. The docs generator puts each
 * code's entry at `errorAnchor(code)` and the clients' `docsUrl` points there.
 *
 * The anchor is a Redoc route, not a plain element id: Redoc treats the whole fragment as a
 * path (`#/errors/task_not_found`), loads that section and scrolls to it, and answers any
 * other fragment with its "no page at this address" view. Each code is a heading inside the
 * generated "Errors" tag, so its route is `/errors/<code>`, in lower case as Redoc writes a
 * heading's id (an UPPER_SNAKE code's route is its lower-case spelling).
 */
export function errorAnchor(code: string): string {
  return `${errorsAnchor()}/${code.toLowerCase()}`;
}

/** The route of the section that holds every code's entry (Redoc's route of the "Errors" tag). */
export function errorsAnchor(): string {
  return "/errors";
}

/**
 * The URL of a code's entry in the rendered docs of one API, under `baseUrl` (the docs folder):
 * the Redoc page's route (`<base>/<api>.html#<anchor>`) when the docs are served, and the code's
 * static page (`<base>/<errorPagePath>`) when they are read from disk (`file:`), where the
 * Redoc pages do not run.
 */
export function errorDocsUrl(baseUrl: string | URL, api: string, code: string): string {
  const base = String(baseUrl);
  if (base.startsWith("file:")) return `${folderUrl(base)}${errorPagePath(api, code)}`;
  return `${apiPageUrl(base, api)}#${errorAnchor(code)}`;
}

function folderUrl(baseUrl: string | URL): string {
  const base = String(baseUrl);
  return base.endsWith("/") ? base : `${base}/`;
}

function apiPageUrl(baseUrl: string | URL, api: string): string {
  return `${folderUrl(baseUrl)}${api}.html`;
}

/**
 * Where a code's static page sits inside the docs folder: one small HTML page per code, with
 * no script, so that it opens straight from disk (`file:`), where the Redoc pages cannot run.
 * The clients' default `docsUrl` (no `docsBaseUrl` given: the package's docs on disk) points at this page.
 */
export function errorPagePath(api: string, code: string): string {
  return `${api}/errors/${code}.html`;
}

/**
 * An operation's Redoc route: its first tag as Redoc slugs it (lower case, spaces to hyphens),
 * then its operationId in lower case (`Webhook endpoints` + `listWebhookEndpoints` is
 * `/webhook-endpoints/listwebhookendpoints`).
 */
export function operationAnchor(tag: string, operationId: string): string {
  const slug = tag
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/&/g, "-and-")
    .replace(/--+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `/${slug}/${operationId.toLowerCase()}`;
}

/** The URL of an operation's entry in the rendered docs of one API. */
export function operationDocsUrl(baseUrl: string | URL, api: string, tag: string, operationId: string): string {
  return `${apiPageUrl(baseUrl, api)}#${operationAnchor(tag, operationId)}`;
}
