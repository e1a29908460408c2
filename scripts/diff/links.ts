// Where the release notes link: a code's entry and an operation's section in the head side's
// rendered docs. Something the head no longer has (a removed code) has no entry, so no link.
import { errorDocsUrl, operationDocsUrl } from "../../src/docs-anchor.js";
import { isObject } from "../contract/index.js";
import type { Contract } from "./contract.js";
import type { Links } from "./format.js";

type Head = readonly Pick<Contract, "name" | "catalog" | "operations" | "document">[];

export function docsLinks(head: Head, docsUrl: string): Links {
  const api = (name: string) => head.find((c) => c.name === name);
  return {
    code: (name, code) => {
      const documented = api(name)?.catalog.some((e) => e.code === code);
      return documented ? errorDocsUrl(docsUrl, name, code) : undefined;
    },
    operation: (name, key) => {
      const contract = api(name);
      const op = contract?.operations.find((o) => o.key === key);
      const tag = op && firstTag(contract!.document, op.path, op.method);
      return op && tag && op.operationId ? operationDocsUrl(docsUrl, name, tag, op.operationId) : undefined;
    },
  };
}

/** Redoc files an operation under its first tag; the contract model does not keep tags. */
function firstTag(document: unknown, path: string, method: string): string | undefined {
  const paths = isObject(document) && isObject(document.paths) ? document.paths : {};
  const item = paths[path];
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
  const tags = isObject(operation) && Array.isArray(operation.tags) ? operation.tags : [];
  return typeof tags[0] === "string" ? tags[0] : undefined;
}
