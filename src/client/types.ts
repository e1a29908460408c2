/**
 * The types of a generated client: openapi-fetch's typed paths, with `error` replaced by the
 * API's error narrowed to one operation. Types only; nothing here exists at run time.
 */
import type { FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { HttpMethod } from "../http.js";
import type { OperationTable } from "../tables.js";
import type { ApiError, TransportFailureKind } from "./errors.js";

export type { HttpMethod };

/** The fields that differ between APIs in each kind of failure; the generator fills them in. */
export interface FailureShapes {
  /** For each code, its fields: Ittybit `{ kind, body }`, WillItTrack `{ code, type, body }`. */
  readonly known: { readonly [code: string]: object };
  /** An envelope whose code this operation does not declare. */
  readonly unknownCode: object;
  /** A status not declared, or a body that is not the envelope. */
  readonly unexpected: object;
  readonly transport: object;
}

/** Everything type-level about one API. */
export interface ApiTypes {
  readonly paths: object;
  /** The generated `<api>OperationErrors`, of which the client reads each status's codes. */
  readonly operations: OperationTable<{ readonly codes: readonly string[] }>;
  readonly shapes: FailureShapes;
  /** Options a call accepts besides openapi-fetch's. */
  readonly callOptions: object;
  /**
   * Each operation's error under the API's own name (`<Api>ApiError<"GET /path">`), so that an
   * editor shows that name rather than `ApiErrorOf<…>`; the same types as `ApiErrorOf` gives.
   */
  readonly errors?: { readonly [operation: string]: unknown };
}

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;

/** The statuses a response key covers: `404` itself, a range `4XX` every 4xx status, `default` any. */
export type Status<Key> = Key extends number
  ? Key
  : Key extends "default"
    ? number
    : Key extends `${infer D extends 1 | 2 | 3 | 4 | 5}XX`
      ? ToNumber<`${D}${Digit}${Digit}`>
      : ToNumber<Key>;

/**
 * The statuses a failure classified under `Key` can have. An exact status wins over a range
 * at run time, so a range covers only the statuses the operation does not declare exactly.
 */
type StatusUnder<Key, Statuses> = Key extends `${number}XX`
  ? Exclude<Status<Key>, Status<Exclude<keyof Statuses, `${number}XX` | "default">>>
  : Status<Key>;

type KnownFailure<Statuses, Shapes extends FailureShapes> = {
  [S in keyof Statuses]: Statuses[S] extends { readonly codes: readonly (infer C)[] }
    ? C extends keyof Shapes["known"]
      ? {
          /** A code this operation declares for this status: switch on the code. */
          readonly reason: "known";
          /** The HTTP status of the response. */
          readonly status: StatusUnder<S, Statuses>;
        } & Shapes["known"][C]
      : never
    : never;
}[keyof Statuses];

/** The exact statuses (not a range or `default`) that `Statuses` declares with no code (`codes: []`). */
type StatusOnlyKey<Statuses> = {
  [S in keyof Statuses]: S extends `${number}XX` | "default"
    ? never
    : Statuses[S] extends { readonly codes: readonly [] }
      ? S
      : never;
}[keyof Statuses];

/** The failures of one operation (`"GET /tasks/{id}"`), or of all when `Op` is a union. */
export type Failure<T extends ApiTypes, Op> = Op extends keyof T["operations"]
  ? {
      /** The call that failed, as `METHOD /path` with the path's template. */
      readonly operation: Op;
    } & (
      | KnownFailure<T["operations"][Op], T["shapes"]>
      | ({
          /** The error envelope, with a code this operation does not declare for the status (a newer server). */
          readonly reason: "unknown_code";
          /** The HTTP status of the response. */
          readonly status: {
            [S in Exclude<keyof T["operations"][Op], StatusOnlyKey<T["operations"][Op]>>]: StatusUnder<
              S,
              T["operations"][Op]
            >;
          }[Exclude<keyof T["operations"][Op], StatusOnlyKey<T["operations"][Op]>>];
        } & T["shapes"]["unknownCode"])
      | ({
          /** A status this operation declares with no documented code: branch on `status`, whatever the body. */
          readonly reason: "declared_status";
          /** The HTTP status of the response: the signal. */
          readonly status: Status<StatusOnlyKey<T["operations"][Op]>>;
        } & T["shapes"]["unexpected"])
      | ({
          /** A status this operation does not declare, or a body that is not the error envelope. */
          readonly reason: "unexpected_response";
          /** The HTTP status of the response. */
          readonly status: number;
        } & T["shapes"]["unexpected"])
      | ({
          /** No response: see `transport`. */
          readonly reason: "transport";
          /** No response, so no status. */
          readonly status: undefined;
          /** Why there was no response: the network failed, `timeoutMs` ran out, or the call was aborted. */
          readonly transport: TransportFailureKind;
        } & T["shapes"]["transport"])
    )
  : never;

/** One API's error for one operation: the error class, narrowed by `reason`, `status` and the code. */
export type ApiErrorOf<T extends ApiTypes, Op = keyof T["operations"]> = ApiError & Failure<T, Op>;

/** An operation's error: the API's own name for it where it has one. */
type ErrorOf<T extends ApiTypes, Op> = T["errors"] extends { readonly [K in Op & string]: infer E }
  ? E
  : ApiErrorOf<T, Op>;

type PathsWith<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];

// The same rules openapi-fetch uses to make the init argument optional when nothing in it is required.
type RequiredKeysOfHelper<T> = { [K in keyof T]: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
// Unlike openapi-fetch's, no index signature: the init is a concrete type, so a misspelt option
// (`timeoutMS`, `retry: { maxRetrys }`) fails to compile with TypeScript's "Did you mean".
type InitArgs<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

/** What one call accepts: openapi-fetch's options for the operation, the API's call options and `parseAs`. */
type CallInit<T extends ApiTypes, P extends keyof T["paths"], M extends HttpMethod, As extends ParseAs> = NonNullable<
  MaybeOptionalInit<T["paths"][P], M & keyof T["paths"][P]>
> &
  T["callOptions"] & {
    /** How to read a successful body; default `"json"`. */
    readonly parseAs?: As;
  };

// The success branch of openapi-fetch's result. (`Extract<…, { error?: never }>` would also keep
// the error branch for consumers without exactOptionalPropertyTypes.)
type SuccessData<Operation, Init> = Exclude<
  FetchResponse<Operation & Record<string | number, unknown>, Init, `${string}/${string}`>,
  // Any error that is not null or undefined (what `{}` means here).
  { error: NonNullable<unknown> }
>["data"];

/** What a call resolves to: openapi-fetch's shape with the API's error, or only the data when errors are thrown. */
export type CallResult<Data, E, ThrowOnError extends boolean> = ThrowOnError extends true
  ? { data: Data; response: Response }
  : { data: Data; error?: never; response: Response } | { data?: never; error: E; response: Response | undefined };

type Method<T extends ApiTypes, M extends HttpMethod, ThrowOnError extends boolean> = <
  P extends PathsWith<T["paths"], M>,
  As extends ParseAs = "json",
>(
  url: P,
  ...init: InitArgs<CallInit<T, P, M, As>>
) => Promise<
  CallResult<
    SuccessData<T["paths"][P][M & keyof T["paths"][P]], { parseAs: As }>,
    ErrorOf<T, `${Uppercase<M>} ${P & string}`>,
    ThrowOnError
  >
>;

/** A client for one API: openapi-fetch's methods (one per HTTP method, upper case) and middleware, typed errors. */
export type ApiClient<T extends ApiTypes, ThrowOnError extends boolean = false> = {
  readonly [M in HttpMethod as Uppercase<M>]: Method<T, M, ThrowOnError>;
} & {
  /** Registers openapi-fetch middleware; `onRequest` runs once per call, before the attempts. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
};
