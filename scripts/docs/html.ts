// Text from the specs written into the static HTML pages (the landing page, a code's page).
import { createHash } from "node:crypto";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Spec descriptions are Markdown; the pages show them as text, keeping code spans. */
export const inlineText = (markdown: string): string =>
  escapeHtml(markdown.replace(/\s+/g, " ").trim()).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A Content-Security-Policy source that allows exactly this inline block. */
export const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
