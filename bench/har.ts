// Synthetic HAR files for the verify area: traffic of both APIs as devtools export it (headers,
// cookies, timings, JSON bodies, documented errors, a few images of another host), and files
// with one 1 MB body of a given content.
import { writeFile } from "node:fs/promises";
import { ittybitOperationError } from "../generated/ittybit/server.js";
import { willItTrackOperationError } from "../generated/willittrack/server.js";

const WIT = "https://api.willittrack.com/v1";
const ITTYBIT = "https://api.ittybit.com";

const REQUEST_HEADERS: Record<string, string> = {
  accept: "application/json",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-GB,en;q=0.9",
  authorization: "Bearer sk_bench_0123456789abcdef",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  cookie: "session=0123456789abcdef0123456789abcdef; theme=dark",
  "sec-fetch-mode": "cors",
  "sec-fetch-site": "cross-site",
};
const RESPONSE_HEADERS: Record<string, string> = {
  date: "Thu, 04 Dec 2025 10:00:00 GMT",
  "cache-control": "no-store",
  "strict-transport-security": "max-age=63072000",
  vary: "Origin, Accept-Encoding",
  "access-control-allow-origin": "*",
  server: "cloudflare",
};

const pairs = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => ({ name, value }));

interface Exchange {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly base64?: boolean;
}

function entry(i: number, { url, status, headers, text, base64 }: Exchange): object {
  const mimeType = headers["Content-Type"] ?? headers["content-type"] ?? "application/json";
  return {
    startedDateTime: new Date(Date.UTC(2025, 11, 4, 10, 0, i % 60)).toISOString(),
    time: 42.5,
    request: {
      method: "GET",
      url,
      httpVersion: "HTTP/2",
      headers: pairs(REQUEST_HEADERS),
      queryString: [],
      cookies: [{ name: "session", value: "0123456789abcdef0123456789abcdef" }],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: "",
      httpVersion: "HTTP/2",
      headers: pairs({ ...RESPONSE_HEADERS, ...headers, "content-type": mimeType }),
      cookies: [],
      content: { size: text.length, mimeType, text, ...(base64 && { encoding: "base64" }) },
      redirectURL: "",
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { blocked: 0.5, dns: -1, connect: -1, ssl: -1, send: 0.2, wait: 40.1, receive: 1.7 },
  };
}

const check = (i: number) =>
  JSON.stringify({
    data: {
      slug: `chk_${i}`,
      url: `https://shop.example.com/product/${i}?aff=partner_${i % 97}`,
      healthScore: 87,
      issues: Array.from({ length: 8 }, (_, k) => ({
        code: `issue_${k}`,
        severity: "warning",
        detail: "x".repeat(80),
      })),
      redirects: Array.from({ length: 4 }, (_, k) => `https://hop${k}.example.com/r?to=${i}`),
    },
  });
const image = Buffer.alloc(24_000, 137).toString("base64");

/** The `i`th exchange of a mix: successes, documented errors of both APIs, images of another host. */
function exchange(i: number): Exchange {
  const requestId = `req_${i.toString(36)}`;
  switch (i % 10) {
    case 0:
    case 1:
    case 2: {
      const e = willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId });
      return { url: `${WIT}/checks/c${i}`, status: e.status, headers: e.headers, text: JSON.stringify(e.body) };
    }
    case 3: {
      const init = { requestId, retryAfterSeconds: 30 };
      const e = willItTrackOperationError("GET /checks/{slug}", "rate_limited", init);
      return { url: `${WIT}/checks/c${i}`, status: e.status, headers: e.headers, text: JSON.stringify(e.body) };
    }
    case 4: {
      const e = ittybitOperationError("GET /tasks/{id}", "task_not_found");
      return { url: `${ITTYBIT}/tasks/t${i}`, status: e.status, headers: e.headers, text: JSON.stringify(e.body) };
    }
    case 5:
      return { url: `https://cdn.example.com/img/${i}.png`, status: 200, headers: {}, text: image, base64: true };
    default:
      return { url: `${WIT}/checks/c${i}`, status: 200, headers: { "x-request-id": requestId }, text: check(i) };
  }
}

/** Writes a HAR of about `bytes` bytes; returns its number of entries. */
export async function writeTrafficHar(file: string, bytes: number): Promise<number> {
  const entries: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = JSON.stringify(entry(i, exchange(i)));
    entries.push(text);
    size += text.length + 1;
  }
  await writeFile(file, `{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[${entries}]}}`);
  return entries.length;
}

/**
 * Writes a HAR of `count` tiny entries, nine in ten without a response and the tenth an API call
 * answered 418: the shape that costs verify the most memory per byte of file.
 */
export async function writeSmallEntriesHar(file: string, count: number): Promise<void> {
  const none = '{"request":{"method":"GET","url":"u"},"response":{"status":0}}';
  const checked = `{"request":{"method":"GET","url":"${WIT}/checks/a"},"response":{"status":418}}`;
  const entries = Array.from({ length: count }, (_, i) => (i % 10 === 0 ? checked : none));
  await writeFile(file, `{"log":{"version":"1.2","entries":[${entries.join(",")}]}}`);
}

/** Bodies of 1 MB that once cost verify time out of proportion, and ordinary ones. */
export const ONE_MB_BODIES: Readonly<Record<string, Omit<Exchange, "url" | "status" | "headers">>> = {
  "blanks marked base64, then a stray character": { text: `${" ".repeat((1 << 20) - 1)}!`, base64: true },
  "valid base64": { text: Buffer.alloc(3 << 18, 7).toString("base64"), base64: true },
  "an error envelope with a 1 MB message": {
    text: JSON.stringify({ error: { code: "not_found", type: "invalid_request_error", message: "m".repeat(1 << 20) } }),
  },
  "text that is not JSON": { text: "<p>".repeat(349_525) },
};

/** Writes a HAR of one 404 of WillItTrack whose body is `body`. */
export async function writeOneBodyHar(file: string, body: (typeof ONE_MB_BODIES)[string]): Promise<void> {
  const headers = { "Content-Type": "application/json", "X-Request-Id": "req_a" };
  const one = entry(0, { url: `${WIT}/checks/abc`, status: 404, headers, ...body });
  await writeFile(
    file,
    JSON.stringify({ log: { version: "1.2", creator: { name: "bench", version: "1" }, entries: [one] } }),
  );
}
