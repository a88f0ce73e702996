import type { ErrorBody } from "@buzz/schema/contract";
import type { WalDepth, WalLimits } from "./limits.js";

/** The gateway refused the request for good (a 4xx other than 429); the WAL records it as rejected. */
export class IngestRejectedError extends Error {
  override readonly name = "IngestRejectedError";
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly entryId: number,
  ) {
    super(`ingest rejected with ${status} ${body.error.code}: ${body.error.message}`);
  }
}

/** The client was closed before the entry was acknowledged; it stays in the WAL and is resent on reopen. */
export class SourceClientClosedError extends Error {
  override readonly name = "SourceClientClosedError";
  constructor(readonly entryId: number) {
    super(`source client closed before entry ${entryId} was acknowledged; it stays in the WAL`);
  }
}

/**
 * The WAL holds as much unacknowledged data as its limits allow (the gateway has been unreachable for a long
 * time): the event was NOT logged and will not be sent. The operator must act (restore the link, raise the cap).
 */
export class WalFullError extends Error {
  override readonly name = "WalFullError";
  constructor(
    readonly depth: WalDepth,
    readonly limits: WalLimits,
    reason: string,
  ) {
    super(`source WAL full, event refused (${reason}); oldest unacknowledged entry is ${depth.ageMs} ms old`);
  }
}
