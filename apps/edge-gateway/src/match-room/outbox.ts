import type { RoomStore } from "./store.js";

/** Queues take at most 100 messages and 256 KB per sendBatch; events are a few KB, so 100 fits. */
const BATCH = 100;
const MAX_BACKOFF_MS = 60_000;

/**
 * Hands the outbox to the queue, oldest first, and deletes what was sent. Returns when to try again:
 * null when the outbox is empty, else a backoff that grows with the attempts of the oldest message.
 */
export async function flushOutbox(store: RoomStore, queue: Queue): Promise<number | null> {
  for (;;) {
    const rows = store.outbox(BATCH);
    if (rows.length === 0) return null;
    const seqs = rows.map((r) => r.seq);
    try {
      await queue.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body), contentType: "json" as const })));
      store.sent(seqs);
    } catch (err) {
      store.failed(seqs);
      const attempts = rows[0]!.attempts + 1;
      console.warn(JSON.stringify({ msg: "outbox send failed", seqs: [seqs[0], seqs.at(-1)], attempts, error: String(err) }));
      return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10));
    }
  }
}
