import { type Db, errorText, runInOneTrip, withDb } from "@buzz/db";
import { bypassesMatchCap } from "@buzz/notifications";
import {
  byLane,
  type EnrichedMessage,
  EnrichedMessageSchema,
  log,
  notificationLanes,
  packNotifications,
  parseMessage,
  retryTogether,
  sendEach,
} from "@buzz/queue";
import { notifies } from "@buzz/schema/contract";
import { RECIPIENTS_PER_MESSAGE } from "../dispatch/budget.js";
import { holdingThroughOutage } from "../outage/index.js";
import { fanOutWebhooks, webhooksSubscribedSql } from "../webhooks/fanout.js";
import { markRoutedSql, ROUTING_PARTITIONS, routedAtSql, routeEvents, targetsOf } from "./recipients.js";
import { notificationsFor } from "./render.js";

/** One event of the batch and the messages that carried it (a redelivery can put it in twice). */
interface Routing {
  msg: EnrichedMessage;
  messages: Message[];
}

/**
 * The `match-events-enriched` consumer. For the events people are notified of, in sequence order per match:
 * 1. in one transaction under their matches' routing locks, sent in one round trip, one statement per event
 *    resolves its recipients, applies quota and dedup, logs them (see recipients.ts);
 * 2. event by event, the notifications go to `notifications`, many recipients a message, in batches within the
 *    Queues limits — an event's after the one before it;
 * 3. the events queued are marked routed (processed_events), so a replay or a retry after this point sends nothing
 *    again (a retry before it is a redelivery: it hands back the devices still `queued`, and dispatch sends each
 *    push once) — in one round trip with, for the whole batch, the others' (shots, corners…) routed_at and whether
 *    any webhook takes the batch's events.
 * Then, if one does, the webhook deliveries are fanned out (src/webhooks/fanout.ts; idempotent per webhook and
 * event), and the messages are acked.
 * Postgres unreachable while routing (step 1) holds the invocation until it answers (src/outage, up to
 * POSTGRES_OUTAGE_HOLD_SECONDS), then routes as a redelivery would. Postgres failing otherwise stops the batch:
 * every event not yet acked is retried with backoff (a down database would fail
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

  const failedSends = new Set<Routing>();
  try {
    await withDb(
      env,
      ctx,
      async (db) => {
        const sent = await notify(db, env, ctx, ordered, failedSends);
        await finish(db, env, sent);
      },
      // A connection for each part of the routing (routeEvents).
      { maxConnections: ROUTING_PARTITIONS },
    );
  } catch (err) {
    // Everything not acked and not already retried; an event marked routed only fans its webhooks out again.
    const left = ordered.filter((r) => !failedSends.has(r));
    retryTogether(left.flatMap((r) => r.messages));
    log("error", "route_postgres_failed", {
      queue,
      events: left.map((r) => r.msg.event.event_id),
      error: errorText(err),
    });
  }
}

/** An event whose notifications are on the queue (0 when nobody is notified of it). */
interface Sent extends Routing {
  notifications: number;
}

/**
 * Routes the events people are notified of in one go (routeEvents: one transaction for the batch) and queues their
 * notifications event by event in sequence order. Every event but
 * those whose send failed (their messages are retried, and they are added to `failedSends`), in order, with its
 * count of notifications: 0 for the events nobody is notified of, which cost nothing here. Throws only for
 * Postgres failures.
 */
async function notify(
  db: Db,
  env: Env,
  ctx: ExecutionContext,
  ordered: readonly Routing[],
  failedSends: Set<Routing>,
): Promise<Sent[]> {
  const notifying = ordered.filter((r) => notifies(r.msg.event));
  const lanes = notificationLanes(env);
  // Held through a Postgres outage (nothing is sent before it). A second run routes as a redelivery does (resend):
  // one part may have committed before another failed, and its devices, logged but not queued, are handed back.
  let runs = 0;
  const { routedAt, recipients } = await holdingThroughOutage(env, ctx, async () => {
    const again = runs++ > 0;
    const routedAt = new Date();
    const recipients = await routeEvents(
      db,
      notifying.map(({ msg: { event, derived }, messages }) => ({
        event,
        targets: targetsOf(event, derived),
        options: {
          bypassCap: bypassesMatchCap(event),
          resend: again || messages.some((m) => m.attempts > 1),
          routedAt,
        },
      })),
    );
    return { routedAt, recipients };
  });
  const counts = new Map<Routing, number>();
  for (const [i, routing] of notifying.entries()) {
    const { msg, messages } = routing;
    const bodies = notificationsFor(msg.event, msg.derived, recipients[i]!, {
      baseUrl: env.PUBLIC_BASE_URL,
      routedAt,
    });
    // Many recipients a message, each on its device's lane: a queue passes messages, not pushes, at a fixed rate.
    const ok = await attempt("notifications_send_failed", [msg], messages, () =>
      sendEach(
        lanes,
        byLane(bodies, lanes.length, (b) => b.device_id).map((each) =>
          packNotifications(each, RECIPIENTS_PER_MESSAGE),
        ),
      ),
    );
    if (ok) counts.set(routing, bodies.length);
    else failedSends.add(routing);
  }
  return ordered.filter((r) => !failedSends.has(r)).map((r) => ({ ...r, notifications: counts.get(r) ?? 0 }));
}

/**
 * In one round trip, the queued events marked routed, the others' routed_at and whether any webhook takes the
 * batch; then the webhook fan-out if one does, and the acks. Postgres failures throw.
 */
async function finish(db: Db, env: Env, sent: readonly Sent[]): Promise<void> {
  if (sent.length === 0) return;
  const ids = (notified: boolean) =>
    sent.filter((r) => notifies(r.msg.event) === notified).map((r) => r.msg.event.event_id);
  const routedAt = new Date();
  const results = await runInOneTrip(db, [
    ...[markRoutedSql(ids(true)), routedAtSql(ids(false), routedAt)].filter((s) => s !== null),
    webhooksSubscribedSql(sent.map((r) => r.msg.event.event_type)),
  ]);
  const subscribed = results.at(-1)?.[0]?.subscribed === true;
  const messages = sent.flatMap((r) => r.messages);
  let webhooks = new Map<string, number>();
  const fannedOut = await attempt(
    "webhook_fanout_failed",
    sent.map((r) => r.msg),
    messages,
    async () => {
      if (subscribed)
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
      error: errorText(err),
    });
    return false;
  }
}
