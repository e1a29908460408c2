// A HAR 1.2 file written as traffic passes (`npm run verify -- --proxy … --har out.har`): an
// entry per exchange, appended as it ends, to a temporary file that becomes the HAR on close, so
// a reader never sees half a file. What it keeps is what `verify` reads, without credentials:
// credential headers and query values read `[redacted]`, and the response (scrubbed first, by
// `scrubbed`) holds no echo of them. Success bodies and request bodies are not kept.
import { type FileHandle, open, rename, rm, stat } from "node:fs/promises";
import {
  compileSecrets,
  credentialsIn,
  credentialsInUrl,
  isCredentialHeader,
  redact,
} from "../../src/client/redact.js";

export const REDACTED = "[redacted]";

/** One exchange as the proxy saw it. */
export interface Exchange {
  readonly started: Date;
  readonly ms: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: readonly (readonly [string, string])[];
  readonly status: number;
  readonly statusText: string;
  readonly responseHeaders: readonly (readonly [string, string])[];
  readonly mimeType: string;
  /** Bytes of the response body as it crossed the wire. */
  readonly size: number;
  /** The body's text, for a response whose body was kept (an error's); undefined otherwise. */
  readonly text?: string;
}

/** The URL with the value of every credential-named query parameter redacted. */
export function redactUrl(url: string): string {
  const secrets = credentialsInUrl(url);
  if (secrets.length === 0) return url;
  const [base = "", fragment] = url.split("#");
  const [path, query = ""] = base.split("?");
  const pairs = query.split("&").map((pair) => {
    const at = pair.indexOf("=");
    return at >= 0 && secrets.includes(pair.slice(at + 1)) ? `${pair.slice(0, at + 1)}${REDACTED}` : pair;
  });
  return `${path}?${pairs.join("&")}${fragment === undefined ? "" : `#${fragment}`}`;
}

const headerList = (headers: readonly (readonly [string, string])[]) =>
  headers.map(([name, value]) => ({ name, value: isCredentialHeader(name) ? REDACTED : value }));

/**
 * The exchange with every echo of the request's credentials (its credential headers and query
 * values, in every form the client scrubs) removed from the response: what is checked, printed
 * and written from then on holds none.
 */
export function scrubbed(exchange: Exchange): Exchange {
  // Most requests carry no credential, and most URLs no query: nothing to look for.
  const carries = exchange.requestHeaders.some(([name]) => isCredentialHeader(name)) || exchange.url.includes("?");
  if (!carries) return exchange;
  const sent = new Headers();
  for (const [name, value] of exchange.requestHeaders) sent.append(name, value);
  const secrets = compileSecrets([...credentialsIn(sent), ...credentialsInUrl(exchange.url)]);
  if (!secrets) return exchange;
  return {
    ...exchange,
    responseHeaders: exchange.responseHeaders.map(([name, value]) => [name, redact(value, secrets)] as const),
    ...(exchange.text === undefined ? {} : { text: redact(exchange.text, secrets) }),
  };
}

/** The HAR entry of a scrubbed exchange, with its credential headers and query values redacted too. */
export function harEntry(exchange: Exchange): object {
  const content =
    exchange.text === undefined
      ? { size: exchange.size, mimeType: exchange.mimeType, comment: "not recorded: only error bodies are kept" }
      : { size: exchange.size, mimeType: exchange.mimeType, text: exchange.text };
  return {
    startedDateTime: exchange.started.toISOString(),
    time: Math.round(exchange.ms),
    request: {
      method: exchange.method,
      url: redactUrl(exchange.url),
      httpVersion: "HTTP/1.1",
      headers: headerList(exchange.requestHeaders),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: exchange.status,
      statusText: exchange.statusText,
      httpVersion: "HTTP/1.1",
      headers: headerList(exchange.responseHeaders),
      cookies: [],
      content,
      redirectURL: "",
      headersSize: -1,
      bodySize: exchange.size,
    },
    cache: {},
    timings: { send: 0, wait: Math.round(exchange.ms), receive: 0 },
  };
}

export class HarWriter {
  private written = 0;
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly partial: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(file: string): Promise<HarWriter> {
    // A folder there would fail the rename on close, after the whole session: refused now, as open(2) would.
    if ((await stat(file).catch(() => undefined))?.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${file}'`), { code: "EISDIR" });
    }
    const partial = `${file}.${process.pid}.partial`;
    const handle = await open(partial, "w");
    const writer = new HarWriter(file, partial, handle);
    const creator = { name: "api-error-contracts verify --proxy", version: "1" };
    await handle.write(`{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"entries":[\n`);
    return writer;
  }

  /** Appends an exchange; writes happen in order. */
  add(exchange: Exchange): Promise<void> {
    const text = `${this.written++ === 0 ? "" : ",\n"}${JSON.stringify(harEntry(exchange))}`;
    this.queue = this.queue.then(() => this.handle.write(text).then(() => {}));
    return this.queue;
  }

  /** Ends the file and puts it in place; the number of entries written. */
  async close(): Promise<number> {
    await this.queue;
    await this.handle.write("\n]}}\n");
    await this.handle.close();
    await rename(this.partial, this.file);
    return this.written;
  }

  /** Removes what was written, for a session that failed to start. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.partial, { force: true });
  }
}
