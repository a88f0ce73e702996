import { errorText, withDb } from "@buzz/db";
import { backoffSeconds, log } from "@buzz/queue";
import { isDeadLetterQueue } from "@buzz/schema/contract";
import { holdingThroughOutage } from "../outage/index.js";
import { letterOf } from "./letter.js";
import { storeLetters } from "./store.js";

/**
 * The consumer of the four dead-letter queues: each message becomes a `dead_letters` row (state `dead`), and a
 * dead notification or webhook delivery is marked `dead` in its log, so the dispatch account closes. A message
 * is acked only once stored. If Postgres cannot be reached, the invocation waits for it (src/outage, up to
 * POSTGRES_OUTAGE_HOLD_SECONDS), then the whole batch is retried with exponential backoff (@buzz/queue's policy:
 * 1-2 s, 2-4 s, … up to 300 s). These queues have no dead-letter queue of their own: what is not stored within their
 * `max_retries` is gone — each retry holding through the outage makes them outlast more of one — which is why
 * nothing in a body can make the insert fail (see letterOf). Storing again is safe: a letter already stored is
 * counted as a duplicate.
 */
export async function recordDeadLetters(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const queue = batch.queue;
  if (!isDeadLetterQueue(queue)) throw new Error(`recordDeadLetters: ${queue} is not a dead-letter queue`);
  const letters = batch.messages.map((m) => letterOf(queue, m));
  let stored: number;
  try {
    stored = await holdingThroughOutage(env, ctx, () =>
      withDb(env, ctx, (db) => storeLetters(db, letters), { maxConnections: 1 }),
    );
  } catch (err) {
    for (const message of batch.messages) message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    log("error", "dead_letters_not_stored", {
      queue,
      messages: batch.messages.length,
      attempts: batch.messages.map((m) => m.attempts),
      error: errorText(err),
    });
    return;
  }
  batch.ackAll();
  for (const l of letters) {
    log("warn", "dead_letter", {
      queue,
      source_queue: l.sourceQueue,
      message_id: l.messageId,
      event_id: l.eventId,
      reason: l.reason,
      attempts: l.attempts,
    });
  }
  if (stored < letters.length)
    log("info", "dead_letters_already_stored", { queue, duplicates: letters.length - stored });
}
