import { type Db, errorText, sqlState, withDb } from "@buzz/db";
import {
  deadLetterOf,
  type EnrichedMessage,
  log,
  parseMessage,
  planBatches,
  retryTogether,
  sendBatch,
} from "@buzz/queue";
import { type Issue, type PublishedEvent, QUEUES, upcast } from "@buzz/schema/contract";
import { PublishedEventSchema } from "@buzz/schema/validate";
import { holdingThroughOutage } from "../outage/index.js";
import { archive, type Enriched, loadContexts } from "./context.js";
import { deriveAll } from "./derive.js";

/** One event of the batch and the messages that carried it (a redelivery can put the same event in twice). */
interface Accepted {
  event: PublishedEvent;
  messages: Message[];
}

/**
 * The `match-events` consumer: validate, derive (xG, shot distance, win probability), archive, forward to
 * `match-events-enriched`. Each message is acked or retried on purpose:
 * - invalid (poison): retrying cannot fix it → its letter goes to match-events-dlq, then ack; if that send
 *   fails, retry — never dropped;
 * - Postgres unreachable: the invocation waits for it (src/outage, up to POSTGRES_OUTAGE_HOLD_SECONDS) and
 *   goes on when it answers; past that, or Postgres failing while it answers: retry with backoff (never ack what
 *   was not archived);
 * - Postgres refuses the event itself (a data exception, e.g. a NUL character jsonb cannot store): poison too;
 *   the others of the batch go on;
 * - the send to match-events-enriched fails: that group's messages are retried (the archive write is idempotent);
 * - forwarded: ack.
 * Redeliveries and replays are not skipped: the archive is overwritten with the same (or newer) derivation and
 * the event is forwarded again; routing makes that a no-op for fans.
 */
export async function enrich(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const queue = batch.queue;
  const accepted = new Map<string, Accepted>();
  const poison: Promise<void>[] = [];
  for (const message of batch.messages) {
    const parsed = parseMessage(PublishedEventSchema, upcast(message.body));
    if (!parsed.ok) {
      poison.push(deadLetter(env, message, "invalid_event", parsed.issues));
      continue;
    }
    const seen = accepted.get(parsed.value.event_id);
    if (seen) seen.messages.push(message);
    else accepted.set(parsed.value.event_id, { event: parsed.value, messages: [message] });
  }
  await Promise.all(poison);
  if (accepted.size === 0) return;

  // Stamped when the attempt that archives the events starts: a batch held through an outage was not enriched
  // while it waited. Deriving and archiving again after a failure part-way is safe: the archive write is an upsert.
  const events = [...accepted.values()].map((a) => a.event);
  const attempt = async () => {
    const at = new Date();
    return {
      at,
      ...(await withDb(env, ctx, (db) => deriveAndArchive(db, events, at), { maxConnections: 1 })),
    };
  };
  let outcome: { at: Date; stored: Enriched[]; refused: { event: PublishedEvent; error: unknown }[] };
  try {
    outcome = await holdingThroughOutage(env, ctx, attempt);
  } catch (err) {
    const messages = [...accepted.values()].flatMap((a) => a.messages);
    retryTogether(messages);
    log("error", "enrich_postgres_failed", {
      queue,
      messages: messages.length,
      attempts: messages.map((m) => m.attempts),
      error: errorText(err),
    });
    return;
  }
  const enrichedAt = outcome.at;

  await Promise.all(
    outcome.refused.flatMap(({ event, error }) =>
      accepted
        .get(event.event_id)!
        .messages.map((m) =>
          deadLetter(env, m, "unstorable_event", [
            { path: [], code: sqlState(error), message: `Postgres refused the event: ${errorText(error)}` },
          ]),
        ),
    ),
  );

  const forward = outcome.stored.map(
    (item): EnrichedMessage => ({ ...item, enriched_at: enrichedAt.toISOString() }),
  );
  // In order, one group at a time: route then sees a match's events in the order they were sequenced.
  for (const group of planBatches(forward, (m) => m)) {
    const messages = group.flatMap((m) => accepted.get(m.event.event_id)!.messages);
    try {
      await sendBatch(env.ENRICHED, group);
    } catch (err) {
      retryTogether(messages);
      log("error", "enriched_send_failed", {
        queue,
        events: group.map((m) => m.event.event_id),
        error: errorText(err),
      });
      continue;
    }
    for (const m of messages) m.ack();
    for (const { event, derived } of group) {
      log("info", "event_enriched", {
        event_id: event.event_id,
        match_id: event.match_id,
        sequence_number: event.sequence_number,
        event_type: event.event_type,
        published_at: event.published_at,
        enriched_at: enrichedAt.toISOString(),
        expected_goals: derived.expected_goals,
        win_probability: derived.win_probability,
      });
    }
  }
}

/**
 * Derives and archives in two statements for the whole batch. If Postgres refuses the batch's data (SQLSTATE
 * class 22), the events are archived one by one so that only the culprit is refused.
 */
async function deriveAndArchive(db: Db, events: PublishedEvent[], enrichedAt: Date) {
  const derived = deriveAll(events, await loadContexts(db, events));
  const items = events
    .map((event) => ({ event, derived: derived.get(event.event_id)! }))
    .sort(
      (a, b) =>
        a.event.match_id.localeCompare(b.event.match_id) || a.event.sequence_number - b.event.sequence_number,
    );
  try {
    await archive(db, items, enrichedAt);
    return { stored: items, refused: [] };
  } catch (err) {
    if (!isDataException(err)) throw err;
  }
  const stored: Enriched[] = [];
  const refused: { event: PublishedEvent; error: unknown }[] = [];
  for (const item of items) {
    try {
      await archive(db, [item], enrichedAt);
      stored.push(item);
    } catch (err) {
      if (!isDataException(err)) throw err;
      refused.push({ event: item.event, error: err });
    }
  }
  return { stored, refused };
}

const isDataException = (err: unknown) => sqlState(err)?.startsWith("22") ?? false;

/** Poison: its letter goes to match-events-dlq and the message is acked; if the letter cannot be sent, retried. */
async function deadLetter(env: Env, message: Message, reason: string, issues: Issue[]): Promise<void> {
  const queue = QUEUES.matchEvents;
  const letter = deadLetterOf(queue, message, reason, issues);
  try {
    await env.MATCH_EVENTS_DLQ.send(letter, { contentType: "json" });
  } catch (err) {
    log("error", "dead_letter_failed", {
      queue,
      message_id: message.id,
      attempts: message.attempts,
      error: errorText(err),
    });
    retryTogether([message]);
    return;
  }
  log("warn", "match_event_dead_lettered", {
    queue,
    message_id: message.id,
    attempts: message.attempts,
    reason,
    issues: letter.issues,
  });
  message.ack();
}
