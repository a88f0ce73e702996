import { type Db, sql, webhookDeliveries, webhooks } from "@buzz/db";
import {
  type EnrichedMessage,
  type Producer,
  planBatches,
  sendBatch,
  type WebhookDeliveryMessage,
} from "@buzz/queue";

/**
 * One delivery per webhook subscribed to the event's type (or to "*", or to everything by an empty list):
 * a row in webhook_deliveries and a message on `webhook-deliveries`. Returns how many were enqueued.
 *
 * The (webhook, event) key makes a redelivered or replayed event a no-op: ON CONFLICT DO NOTHING RETURNING
 * hands back only the new rows. The insert and the sends share a transaction, so a failed send rolls the
 * rows back and the caller's retry enqueues them again (rather than finding them and enqueueing nothing).
 * If the commit itself fails after the sends, the consumer still delivers: it does not need the row.
 */
export async function fanOutWebhooks(db: Db, queue: Producer, msg: EnrichedMessage): Promise<number> {
  const { event, derived } = msg;
  return db.transaction(async (tx) => {
    const inserted = await tx.execute<{ webhook_id: string }>(sql`
      insert into ${webhookDeliveries} (webhook_id, event_id)
      select ${webhooks.id}, ${event.event_id}::uuid from ${webhooks}
      where ${event.event_type} = any(${webhooks.eventTypes}) or '*' = any(${webhooks.eventTypes}) or cardinality(${webhooks.eventTypes}) = 0
      on conflict (webhook_id, event_id) do nothing
      returning webhook_id`);
    const messages = inserted.rows.map(
      (r): WebhookDeliveryMessage => ({ webhook_id: r.webhook_id, event, derived }),
    );
    for (const batch of planBatches(messages, (m) => m)) await sendBatch(queue, batch);
    return messages.length;
  });
}
