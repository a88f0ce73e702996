import {
  type BackoffPolicy,
  backoffSeconds,
  log,
  MAX_BATCH_MESSAGES,
  type Producer,
  sendBatch,
} from "@buzz/queue";
import type { RoomStore } from "./store.js";

/** The room's alarm retries within a minute at most: a queue outage should not hold a match's events long. */
const OUTBOX_BACKOFF: BackoffPolicy = { baseSeconds: 1, capSeconds: 60, retryAfterCapSeconds: 60 };

/**
 * Hands the outbox to the queue, oldest first, and deletes what was sent. Returns when to try again:
 * null when the outbox is empty, else a backoff that grows with the attempts of the oldest message.
 */
export async function flushOutbox(store: RoomStore, queue: Producer): Promise<number | null> {
  for (;;) {
    // Events are a few KB, so a full batch of them stays within the 256 KB a sendBatch takes.
    const rows = store.outbox(MAX_BATCH_MESSAGES);
    if (rows.length === 0) return null;
    const seqs = rows.map((r) => r.seq);
    try {
      await sendBatch(
        queue,
        rows.map((r) => JSON.parse(r.body)),
      );
      store.sent(seqs);
    } catch (err) {
      store.failed(seqs);
      const attempts = rows[0]!.attempts + 1;
      log("warn", "outbox_send_failed", { seqs: [seqs[0], seqs.at(-1)], attempts, error: String(err) });
      return backoffSeconds(attempts, undefined, OUTBOX_BACKOFF) * 1000;
    }
  }
}
