import { PublishedEventSchema, toIssues, upcast } from "@buzz/schema";
import { deadLetterOf } from "./dead-letter.js";

/**
 * The `match-events` consumer. For now it only validates and logs; enrichment comes later.
 * A valid event is logged and acked. An invalid one (poison) cannot be fixed by retrying, so it goes to the
 * dead-letter queue with its issues and is then acked; only if that send fails is it retried, so nothing is
 * ever dropped silently (after `max_retries` the platform dead-letters it itself).
 */
export async function consumeMatchEvents(batch: MessageBatch, env: Env): Promise<void> {
  await Promise.all(batch.messages.map((message) => consumeOne(batch.queue, message, env)));
}

async function consumeOne(queue: string, message: Message, env: Env): Promise<void> {
  const parsed = PublishedEventSchema.safeParse(upcast(message.body));
  if (parsed.success) {
    const e = parsed.data;
    log("info", "match_event", {
      queue, message_id: message.id, attempts: message.attempts, event_id: e.event_id, match_id: e.match_id,
      sequence_number: e.sequence_number, event_type: e.event_type, occurred_at: e.occurred_at, published_at: e.published_at,
    });
    message.ack();
    return;
  }
  const letter = deadLetterOf(queue, message, toIssues(parsed.error));
  try {
    await env.MATCH_EVENTS_DLQ.send(letter);
  } catch (err) {
    log("error", "dead_letter_failed", { queue, message_id: message.id, attempts: message.attempts, error: String(err) });
    message.retry();
    return;
  }
  log("warn", "match_event_dead_lettered", { queue, message_id: message.id, attempts: message.attempts, issues: letter.issues });
  message.ack();
}

/** One JSON object per line, so `wrangler tail` and Workers Logs can filter on the fields. */
function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "info") console.log(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}
