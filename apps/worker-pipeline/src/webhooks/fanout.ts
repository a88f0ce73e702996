import { sql, webhookDeliveries, webhooks, type Db } from "../db/index.js";
import type { EnrichedMessage, WebhookDeliveryMessage } from "../messages/index.js";

/** Queues take at most 100 messages and 256 KB per sendBatch; the byte budget leaves room for overhead. */
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 200 * 1024;

/**
 * One delivery per webhook subscribed to the event's type (or to "*", or to everything by an empty list):
 * a row in webhook_deliveries and a message on `webhook-deliveries`. Returns how many were enqueued.
 *
 * The (webhook, event) key makes a redelivered or replayed event a no-op: ON CONFLICT DO NOTHING RETURNING
 * hands back only the new rows. The insert and the sends share a transaction, so a failed send rolls the
 * rows back and the caller's retry enqueues them again (rather than finding them and enqueueing nothing).
 * If the commit itself fails after the sends, the consumer still delivers: it does not need the row.
 */
export async function fanOutWebhooks(db: Db, queue: Queue, msg: EnrichedMessage): Promise<number> {
  const { event, derived } = msg;
  return db.transaction(async (tx) => {
    const inserted = await tx.execute<{ webhook_id: string }>(sql`
      insert into ${webhookDeliveries} (webhook_id, event_id)
      select ${webhooks.id}, ${event.event_id}::uuid from ${webhooks}
      where ${event.event_type} = any(${webhooks.eventTypes}) or '*' = any(${webhooks.eventTypes}) or cardinality(${webhooks.eventTypes}) = 0
      on conflict (webhook_id, event_id) do nothing
      returning webhook_id`);
    const messages = inserted.rows.map((r): WebhookDeliveryMessage => ({ webhook_id: r.webhook_id, event, derived }));
    for (const batch of batches(messages)) await queue.sendBatch(batch.map((body) => ({ body })));
    return messages.length;
  });
}

function* batches(messages: WebhookDeliveryMessage[]): Generator<WebhookDeliveryMessage[]> {
  let batch: WebhookDeliveryMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = new TextEncoder().encode(JSON.stringify(m)).byteLength;
    if (batch.length > 0 && (batch.length === MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(m);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
