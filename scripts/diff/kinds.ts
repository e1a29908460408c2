// Every kind of change the diff reports, with its one severity and what it means for a
// consumer who compiles against the generated types and catalog and runs the clients. What a
// sentence says about an API's errors uses that API's names, from its contract model.
import { REQUEST_ID_HEADER, RETRY_AFTER_HEADER } from "../../src/http.js";
import type { Contract } from "../contract/index.js";

export type Severity = "breaking" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["breaking", "warning", "info"];

export type Semver = "major" | "minor" | "patch" | "none";
const BUMP: Record<Severity, Semver> = { breaking: "major", warning: "minor", info: "patch" };

/** One change to an error contract: what changed, where, and why a consumer cares. */
export interface Change {
  readonly api: string;
  readonly change: ChangeKind;
  readonly severity: Severity;
  readonly code?: string;
  /** `METHOD /path`. */
  readonly operation?: string;
  /** An operation's response status (`"404"`, `"4XX"`, `"default"`), or a code's status. */
  readonly status?: string;
  readonly header?: string;
  readonly errorType?: string;
  /** The envelope field whose pointer changed. */
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly why: string;
}

/** A change before its severity and `why` are looked up. */
export type ChangeFacts = Omit<Change, "severity" | "why">;

/** What a sentence takes from the API's contract model: the names its errors give the code and the type. */
export type ApiNames = Pick<Contract, "fields"> & { readonly policy?: Pick<Contract["policy"], "requestIdHeader"> };

interface Kind {
  readonly severity: Severity;
  readonly why: string | ((change: ChangeFacts, api: ApiNames) => string);
}

const retryableWhy = ({ after }: ChangeFacts): string =>
  after
    ? "The clients start retrying it, so a call can take longer and repeat its request."
    : "The clients stop retrying it, so a temporary failure now reaches your code.";

const headerWhy = ({ header = "" }: ChangeFacts, api: ApiNames): string => {
  const name = header.toLowerCase();
  const gone = "The server may stop sending it:";
  if (name === RETRY_AFTER_HEADER.toLowerCase()) {
    return `${gone} \`retryAfterMs\` goes undefined and retries fall back to backoff.`;
  }
  const requestId = api.policy === undefined ? REQUEST_ID_HEADER : api.policy.requestIdHeader;
  if (requestId !== null && name === requestId.toLowerCase()) {
    return `${gone} \`requestId\` goes missing where the body does not carry it.`;
  }
  return "Code that reads this header gets nothing.";
};

/** In the order release notes list them, most disruptive first within each severity. */
export const KINDS = {
  "api-removed": { severity: "breaking", why: "Its subpath export, types, catalog and client disappear." },
  "api-renamed": {
    severity: "breaking",
    why: "The exported names are made from the title, so imports of the old names stop compiling.",
  },
  "envelope-changed": { severity: "breaking", why: "Every error is read from the wrong place in the body." },
  "policy-changed": {
    severity: "breaking",
    why: "The clients, kits and checker read the request id, and expect Retry-After, as the policy says.",
  },
  "code-removed": { severity: "breaking", why: "Code naming it stops compiling; its handlers go dead." },
  "code-status-changed": { severity: "breaking", why: "Branches on the status go wrong." },
  "code-type-changed": { severity: "breaking", why: "Branches on the error type go wrong." },
  "code-retryable-changed": { severity: "breaking", why: retryableWhy },
  "operation-removed": { severity: "breaking", why: "Calls to it stop compiling." },
  "operation-id-changed": {
    severity: "breaking",
    why: '`operations["…"]` types named by the old id stop compiling.',
  },
  "operation-error-removed": {
    severity: "breaking",
    why: ({ code }, { fields }) =>
      code === undefined
        ? "Clients now report the status as `unexpected_response`; checks for its codes there stop compiling."
        : `Checks for it on that operation (\`error.${fields.code} === ${JSON.stringify(code)}\`) stop compiling; ` +
          "its handler goes dead.",
  },
  "error-type-removed": { severity: "breaking", why: "Code naming the type stops compiling; its handlers go dead." },
  "header-removed": { severity: "breaking", why: headerWhy },
  "code-added": {
    severity: "warning",
    why: "An exhaustive switch over all codes stops compiling; older clients see it as `unknown_code`.",
  },
  "operation-error-added": {
    severity: "warning",
    why: ({ code }) =>
      `Exhaustive switches over that operation's errors stop compiling; older clients see it as \`${
        code === undefined ? "unexpected_response" : "unknown_code"
      }\`.`,
  },
  "operation-error-opened": {
    severity: "warning",
    why: "The status may now carry codes outside the catalog: handle `unknown_code` there.",
  },
  "error-type-added": { severity: "warning", why: "An exhaustive switch over error types stops compiling." },
  "header-made-optional": { severity: "warning", why: "Code that counts on the header must allow for its absence." },
  "operation-added": { severity: "info", why: "New calls become available; nothing existing changes." },
  "api-added": { severity: "info", why: "A new subpath export; nothing existing changes." },
  "envelope-field-added": { severity: "info", why: "Errors carry one more field; nothing existing changes." },
  "operation-error-closed": {
    severity: "info",
    why: "Every code the status carries is now in the catalog; `unknown_code` there becomes rare.",
  },
  "header-added": { severity: "info", why: "More information on the error; nothing existing changes." },
  "header-made-required": { severity: "info", why: "The header is now always sent; nothing existing changes." },
  "error-type-statuses-changed": {
    severity: "info",
    why: "The docs' status table changes; each code's own status is reported separately.",
  },
  "description-changed": { severity: "info", why: "Docs only: the text in the docs and catalog changes." },
  "example-changed": { severity: "info", why: "Docs and mock responses only." },
  "inferred-changed": { severity: "info", why: "Docs only: what is documented and what is assumed." },
} as const satisfies Record<string, Kind>;

export type ChangeKind = keyof typeof KINDS;
export const CHANGE_KINDS = Object.keys(KINDS) as ChangeKind[];

/** The change with its severity and why, in the words of the API it is about. */
export function toChange(facts: ChangeFacts, api: ApiNames): Change {
  const kind: Kind = KINDS[facts.change];
  return { ...facts, severity: kind.severity, why: typeof kind.why === "string" ? kind.why : kind.why(facts, api) };
}

/** The version bump a set of changes needs. */
export function semverOf(changes: readonly Pick<Change, "severity">[]): Semver {
  const worst = SEVERITIES.find((s) => changes.some((c) => c.severity === s));
  return worst === undefined ? "none" : BUMP[worst];
}
