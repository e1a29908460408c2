// A loopback server answering scripted responses, and a recorder that fetches from it and
// writes what it saw as HAR 1.2, as devtools would export it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as is. */
  readonly body?: unknown;
}

export interface Recording {
  readonly method: string;
  readonly path: string;
  readonly reply: Reply;
  /** How the HAR stores the body: as text (default), base64, or not at all. */
  readonly store?: "text" | "base64" | "absent";
}

export interface HarLog {
  log: { version: string; creator: { name: string; version: string }; entries: object[] };
}

/** Serves each recording's reply on loopback, fetches it, and returns the HAR of the exchanges. */
export async function record(
  baseUrl: (origin: string) => string,
  recordings: readonly Recording[],
): Promise<{ har: HarLog; serverUrl: string }> {
  let current: Recording | undefined;
  const server: Server = createServer((req, res) => {
    const { reply } = current!;
    const text =
      reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...reply.headers }).end(text);
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = baseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const entries: object[] = [];
  try {
    for (const recording of recordings) {
      current = recording;
      const url = `${serverUrl}${recording.path}`;
      const response = await fetch(url, { method: recording.method });
      const bytes = new Uint8Array(await response.arrayBuffer());
      entries.push(harEntry(recording, url, response, bytes));
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { har: { log: { version: "1.2", creator: { name: "test-recorder", version: "1" }, entries } }, serverUrl };
}

function harEntry(recording: Recording, url: string, response: Response, bytes: Uint8Array): object {
  const headers = [...response.headers].map(([name, value]) => ({ name, value }));
  const mimeType = response.headers.get("content-type") ?? "x-unknown";
  const store = recording.store ?? "text";
  const content =
    store === "absent"
      ? { size: bytes.length, mimeType }
      : store === "base64"
        ? { size: bytes.length, mimeType, text: Buffer.from(bytes).toString("base64"), encoding: "base64" }
        : { size: bytes.length, mimeType, text: new TextDecoder().decode(bytes) };
  return {
    startedDateTime: new Date(0).toISOString(),
    time: 0,
    request: {
      method: recording.method,
      url,
      httpVersion: "HTTP/1.1",
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: "HTTP/1.1",
      headers,
      cookies: [],
      content,
      redirectURL: "",
      headersSize: -1,
      bodySize: bytes.length,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}
