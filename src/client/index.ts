// The runtime shared by the generated clients (generated/<api>/client.ts).
export { createApiClient, type ApiBinding } from "./create-client.js";
export {
  ApiError,
  FetchSetupError,
  type ApiErrorConstructor,
  type FailureReason,
  type TransportFailureKind,
} from "./errors.js";
export type { CallOptions, ClientOptions, IdempotentCallOptions } from "./options.js";
export type { RetryOptions } from "./retry.js";
export type { ApiClient, ApiErrorOf, ApiTypes, CallResult, FailureShapes } from "./types.js";
