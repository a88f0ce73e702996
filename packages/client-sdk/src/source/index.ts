/**
 * `@buzz/client-sdk/source` — the stadium side of Buzz (Node ≥ 20): a signed ingest client that logs every
 * request to a local write-ahead file before sending it, retries with backoff, and delivers strictly in order.
 */
export { createSourceClient, type SourceClient, type SourceClientOptions } from "./client.js";
export { IngestRejectedError, SourceClientClosedError, WalFullError } from "./errors.js";
export { DEFAULT_WAL_LIMITS, type WalDepth, type WalLimits } from "./limits.js";
export { DEFAULT_RETRY, type RetryOptions } from "./retry.js";
export { type SignedHeaders, type SignRequestOptions, signRequest } from "./sign.js";
export { recoverWal, type WalRecord } from "./wal.js";
