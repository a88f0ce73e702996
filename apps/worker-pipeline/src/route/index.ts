import { type Db, withDb } from "@buzz/db";
import { bypassesMatchCap } from "@buzz/notifications";
import {
  type EnrichedMessage,
  EnrichedMessageSchema,
  log,
  parseMessage,
  retryTogether,
  sendAll,
} from "@buzz/queue";
import { notifies } from "@buzz/schema/contract";
import { fanOutWebhooks } from "../webhooks/fanout.js";
import { markRouted, routeRecipients, setRoutedAt, targetsOf } from "./recipients.js";
import { notificationsFor } from "./render.js";

/** One event of the batch and the messages that carried it (a redelivery can put it in twice). */
interface Routing {
  msg: EnrichedMessage;
  messages: Message[];
}

/**
 * The `match-events-enriched` consumer. Per event, in sequence order:
 * 1. under the match's routing lock, one statement resolves its recipients, applies quota and dedup, logs them
 *    (see recipients.ts) — or, for an event nobody is notified of (shots), only sets routed_at;
 * 2. the notifications go to `notifications` in batches within the Queues limits;
 * 3. the event is marked routed (processed_events), so a replay or a retry after this point sends nothing again;
 * 4. webhook deliveries are fanned out (src/webhooks/fanout.ts; idempotent per webhook and event);
 * 5. its messages are acked.
 * Postgres failing stops the batch: that event and every one after it are retried with backoff (a down
 * database would fail each of them anyway, after its own connection timeout). A failed send or webhook
 * fan-out retries only that event's messages. A message that is not an EnrichedMessage cannot have come from
 * enrich; it is retried until the platform moves it to match-events-enriched-dlq.
 */
export async function route(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const queue = batch.queue;
  const routings = new Map<string, Routing>();
  for (const message of batch.messages) {
    const parsed = parseMessage(EnrichedMessageSchema, message.body);
    if (!parsed.ok) {
      log("error", "enriched_message_invalid", {
        queue,
        message_id: message.id,
        attempts: message.attempts,
        issues: parsed.issues.slice(0, 5),
      });
      retryTogether([message]);
      continue;
    }
    const msg = parsed.value;
    const seen = routings.get(msg.event.event_id);
    if (seen) seen.messages.push(message);
    else routings.set(msg.event.event_id, { msg, messages: [message] });
  }
  const ordered = [...routings.values()].sort(
    (a, b) =>
      a.msg.event.match_id.localeCompare(b.msg.event.match_id) ||
      a.msg.event.sequence_number - b.msg.event.sequence_number,
  );
  if (ordered.length === 0) return;

  let next = 0;
  try {
    await withDb(
      env,
      ctx,
      async (db) => {
        for (; next < ordered.length; next++) await routeOne(db, env, ordered[next]!);
      },
      { maxConnections: 1 },
    );
  } catch (err) {
    const left = ordered.slice(next);
    retryTogether(left.flatMap((r) => r.messages));
    log("error", "route_postgres_failed", {
      queue,
      events: left.map((r) => r.msg.event.event_id),
      error: String(err),
    });
  }
}

/** Throws only for Postgres failures (the caller stops there); a failed send retries this event alone. */
async function routeOne(db: Db, env: Env, { msg, messages }: Routing): Promise<void> {
  const { event, derived } = msg;
  const routedAt = new Date();
  const resend = messages.some((m) => m.attempts > 1);
  let notifications = 0;
  if (notifies(event)) {
    const recipients = await routeRecipients(db, event, targetsOf(event, derived), {
      bypassCap: bypassesMatchCap(event),
      resend,
      routedAt,
    });
    const bodies = notificationsFor(event, derived, recipients, { baseUrl: env.PUBLIC_BASE_URL, routedAt });
    if (
      !(await attempt("notifications_send_failed", msg, messages, () => sendAll(env.NOTIFICATIONS, bodies)))
    )
      return;
    await markRouted(db, [event.event_id]);
    notifications = bodies.length;
  } else {
    await setRoutedAt(db, event.event_id, routedAt);
  }
  let webhooks = 0;
  const fannedOut = await attempt("webhook_fanout_failed", msg, messages, async () => {
    webhooks = await fanOutWebhooks(db, env.WEBHOOK_DELIVERIES, msg);
  });
  if (!fannedOut) return;
  for (const m of messages) m.ack();
  log("info", "event_routed", {
    event_id: event.event_id,
    match_id: event.match_id,
    sequence_number: event.sequence_number,
    event_type: event.event_type,
    notifications,
    webhooks,
    resend,
    routed_at: routedAt.toISOString(),
  });
}

/** Runs a step whose failure is this event's alone: on error its messages are retried with backoff. */
async function attempt(
  what: string,
  msg: EnrichedMessage,
  messages: Message[],
  step: () => Promise<void>,
): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    retryTogether(messages);
    log("error", what, {
      event_id: msg.event.event_id,
      match_id: msg.event.match_id,
      attempts: messages.map((m) => m.attempts),
      error: String(err),
    });
    return false;
  }
}
