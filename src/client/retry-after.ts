/**
 * How long a `Retry-After` header asks the client to wait, in milliseconds: the header is
 * either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns undefined when the header
 * is absent or unreadable, so a garbled header never stops an error from being reported.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  // Digits only are seconds; fractions are not in the RFC but cost nothing to accept.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Anything else must be a date; a bare number such as "-1" would otherwise parse as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
