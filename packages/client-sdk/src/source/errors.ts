import type { ErrorBody } from "@buzz/schema";

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
