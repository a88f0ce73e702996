import { type Db, type SQL, sql, webhookDeliveries, webhooks } from "@buzz/db";
import {
  type EnrichedMessage,
  type Producer,
  planBatches,
  sendBatch,
  type WebhookDeliveryMessage,
} from "@buzz/queue";

/** Whether a webhook takes events of `eventType`: it lists the type, or "*", or nothing (everything). */
const subscribes = (eventType: SQL) =>
  sql`(${eventType} = any(${webhooks.eventTypes}) or '*' = any(${webhooks.eventTypes}) or cardinality(${webhooks.eventTypes}) = 0)`;

/**
 * One row, `subscribed`: whether any webhook takes any of these event types — whether fanOutWebhooks has work,
 * asked beside other statements (runInOneTrip) so that a batch nobody subscribed to costs no transaction.
 */
export function webhooksSubscribedSql(eventTypes: readonly string[]): SQL {
  const types = sql.join(
    [...new Set(eventTypes)].map((t) => sql`(${t})`),
    sql`, `,
  );
  return sql`select exists (select 1 from (values ${types}) as e (event_type) join ${webhooks} on ${subscribes(sql`e.event_type`)}) as subscribed`;
}

/**
 * For each event of a routed batch, one delivery per webhook subscribed to its type (or to "*", or to everything
 * by an empty list): a row in webhook_deliveries and a message on `webhook-deliveries`, in the batch's order, in
 * one statement for the whole batch. Returns how many deliveries each event got (absent: none).
 *
 * The (webhook, event) key makes a redelivered or replayed event a no-op: ON CONFLICT DO NOTHING RETURNING
 * hands back only the new rows. The insert and the sends share a transaction, so a failed send rolls the
 * rows back and the caller's retry enqueues them again (rather than finding them and enqueueing nothing).
 * If the commit itself fails after the sends, the consumer still delivers: it does not need the row.
 */
export async function fanOutWebhooks(
  db: Db,
  queue: Producer,
  msgs: readonly EnrichedMessage[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (msgs.length === 0) return counts;
  const events = sql.join(
    msgs.map(({ event }) => sql`(${event.event_id}::uuid, ${event.event_type})`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    const inserted = await tx.execute<{ webhook_id: string; event_id: string }>(sql`
      insert into ${webhookDeliveries} (webhook_id, event_id)
      select ${webhooks.id}, e.event_id from (values ${events}) as e (event_id, event_type)
      join ${webhooks} on ${subscribes(sql`e.event_type`)}
      on conflict (webhook_id, event_id) do nothing
      returning webhook_id, event_id`);
    const hooks = new Map<string, string[]>();
    for (const r of inserted.rows) {
      const ids = hooks.get(r.event_id);
      if (ids) ids.push(r.webhook_id);
      else hooks.set(r.event_id, [r.webhook_id]);
    }
    const messages = msgs.flatMap(({ event, derived }) =>
      (hooks.get(event.event_id) ?? []).map(
        (webhook_id): WebhookDeliveryMessage => ({ webhook_id, event, derived }),
      ),
    );
    for (const batch of planBatches(messages, (m) => m)) await sendBatch(queue, batch);
    for (const [eventId, ids] of hooks) counts.set(eventId, ids.length);
    return counts;
  });
}
