import { type Db, withDb } from "@buzz/db";
import { bypassesMatchCap } from "@buzz/notifications";
import {
  type EnrichedMessage,
  EnrichedMessageSchema,
  log,
  packNotifications,
  parseMessage,
  retryTogether,
  sendAll,
} from "@buzz/queue";
import { notifies } from "@buzz/schema/contract";
import { RECIPIENTS_PER_MESSAGE } from "../dispatch/budget.js";
import { fanOutWebhooks } from "../webhooks/fanout.js";
import { markRouted, ROUTING_PARTITIONS, routeRecipients, setRoutedAt, targetsOf } from "./recipients.js";
import { notificationsFor } from "./render.js";

/** One event of the batch and the messages that carried it (a redelivery can put it in twice). */
interface Routing {
  msg: EnrichedMessage;
  messages: Message[];
}

/**
 * The `match-events-enriched` consumer. For the events people are notified of, one at a time in sequence order:
 * 1. under the match's routing lock, one statement resolves its recipients, applies quota and dedup, logs them
 *    (see recipients.ts);
 * 2. the notifications go to `notifications`, many recipients a message, in batches within the Queues limits;
 * 3. the event is marked routed (processed_events) at once, so a replay or a retry after this point sends
 *    nothing again, whatever happens to the rest of the batch.
 * Then for the whole batch, whatever its size: one statement gives the others (shots, corners…) their routed_at,
 * one fans the webhook deliveries out (src/webhooks/fanout.ts; idempotent per webhook and event), and the
 * messages are acked.
 * Postgres failing stops the batch: every event not yet acked is retried with backoff (a down database would fail
 * each of them anyway, after its own connection timeout; those already marked routed only fan their webhooks out
 * again, which is idempotent). A failed notifications send retries only that event's messages; a failed webhook
 * fan-out, the batch's. A message that is not an EnrichedMessage cannot have come from enrich; it is retried
 * until the platform moves it to match-events-enriched-dlq.
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

  const sent: Sent[] = [];
  let next = 0;
  try {
    await withDb(
      env,
      ctx,
      async (db) => {
        for (; next < ordered.length; next++) {
          const notifications = await notify(db, env, ordered[next]!);
          if (notifications !== null) sent.push({ ...ordered[next]!, notifications });
        }
        await finish(db, env, sent);
      },
      // A connection for each part of an event's routing (routeRecipients).
      { maxConnections: ROUTING_PARTITIONS },
    );
  } catch (err) {
    const left = [...sent, ...ordered.slice(next)];
    retryTogether(left.flatMap((r) => r.messages));
    log("error", "route_postgres_failed", {
      queue,
      events: left.map((r) => r.msg.event.event_id),
      error: String(err),
    });
  }
}

/** An event whose notifications are on the queue (0 when nobody is notified of it). */
interface Sent extends Routing {
  notifications: number;
}

/**
 * Routes one event people are notified of, queues its notifications and marks it routed: their count, or null
 * when the send failed (its messages are then retried). Events nobody is notified of cost nothing here: 0.
 * Throws only for Postgres failures.
 */
async function notify(db: Db, env: Env, { msg, messages }: Routing): Promise<number | null> {
  const { event, derived } = msg;
  if (!notifies(event)) return 0;
  const routedAt = new Date();
  const recipients = await routeRecipients(db, event, targetsOf(event, derived), {
    bypassCap: bypassesMatchCap(event),
    resend: messages.some((m) => m.attempts > 1),
    routedAt,
  });
  const bodies = notificationsFor(event, derived, recipients, { baseUrl: env.PUBLIC_BASE_URL, routedAt });
  // Many recipients a message: the queue passes messages, not pushes, at a fixed rate.
  const ok = await attempt("notifications_send_failed", [msg], messages, () =>
    sendAll(env.NOTIFICATIONS, packNotifications(bodies, RECIPIENTS_PER_MESSAGE)),
  );
  if (!ok) return null;
  await markRouted(db, [event.event_id]);
  return bodies.length;
}

/** The batch's routed_at and webhook fan-out, one statement each, then the acks; Postgres failures throw. */
async function finish(db: Db, env: Env, sent: readonly Sent[]): Promise<void> {
  if (sent.length === 0) return;
  const others = sent.filter((r) => !notifies(r.msg.event)).map((r) => r.msg.event.event_id);
  const routedAt = new Date();
  await setRoutedAt(db, others, routedAt);
  const messages = sent.flatMap((r) => r.messages);
  let webhooks = new Map<string, number>();
  const fannedOut = await attempt(
    "webhook_fanout_failed",
    sent.map((r) => r.msg),
    messages,
    async () => {
      webhooks = await fanOutWebhooks(
        db,
        env.WEBHOOK_DELIVERIES,
        sent.map((r) => r.msg),
      );
    },
  );
  if (!fannedOut) return;
  for (const m of messages) m.ack();
  for (const { msg, messages, notifications } of sent)
    log("info", "event_routed", {
      event_id: msg.event.event_id,
      match_id: msg.event.match_id,
      sequence_number: msg.event.sequence_number,
      event_type: msg.event.event_type,
      notifications,
      webhooks: webhooks.get(msg.event.event_id) ?? 0,
      resend: messages.some((m) => m.attempts > 1),
      routed_at: routedAt.toISOString(),
    });
}

/** Runs a step whose failure is these events' alone: on error their messages are retried with backoff. */
async function attempt(
  what: string,
  msgs: readonly EnrichedMessage[],
  messages: Message[],
  step: () => Promise<void>,
): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    retryTogether(messages);
    log("error", what, {
      events: msgs.map((m) => m.event.event_id),
      attempts: messages.map((m) => m.attempts),
      error: String(err),
    });
    return false;
  }
}
