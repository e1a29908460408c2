/**
 * The server kit's types, shared by the generated bindings (generated/<api>/server.ts): which
 * init a code needs and what a built error is (which codes and open statuses an operation
 * declares is src/tables.js's). The values are made by the one builder (error-response.ts), so a
 * server, the test kit and the mock agree.
 */
import type { ErrorResponseInit } from "./error-response.js";

type CatalogTable = { readonly [code: string]: { readonly status: number } };

/** The status an error is sent with: its code's, or the open status itself. */
export type StatusOf<K extends CatalogTable, E> = E extends keyof K ? K[E]["status"] : E extends number ? E : never;

/** What a server sets on a code's error: the builder's init without what only an open status takes. */
export type ServerErrorInit = Omit<ErrorResponseInit, "code" | "body" | "contentType">;

/**
 * The init argument: required with `retryAfterSeconds` for a 429 of an API whose 429s carry
 * `Retry-After` (its policy's `retryAfterOn429`, `RetryAfter`), optional otherwise.
 */
export type ServerErrorArgs<K extends CatalogTable, E, RetryAfter extends boolean = true> = [
  RetryAfter,
  StatusOf<K, E>,
] extends [true, 429]
  ? [init: (E extends number ? ErrorResponseInit : ServerErrorInit) & { readonly retryAfterSeconds: number }]
  : [init?: E extends number ? ErrorResponseInit : ServerErrorInit];

/**
 * A built error: plain data for any framework. Express: `res.status(e.status).set(e.headers).json(e.body)`;
 * Hono: `c.json(e.body, e.status, e.headers)`; fetch handlers: `Response.json(e.body, e)`.
 */
export interface ServerError<Status extends number = number, Body = unknown> {
  readonly status: Status;
  /** `Content-Type`, and the headers the spec declares for this status (`Retry-After`, `X-Request-Id`, …). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Body;
}

/** The built error of `E`: a code's status and body type, or an open status with an envelope body. */
export type ServerErrorOf<K extends CatalogTable, Bodies, E> = E extends keyof K & keyof Bodies
  ? ServerError<K[E]["status"], Bodies[E]>
  : E extends number
    ? ServerError<E, unknown>
    : never;
