// An alert's change of state to every webhook subscribed to "alert": a delivery row per webhook (keyed by the
// change, so the pipeline's webhook consumer records its outcome as for an event) and a queue message.
import { type Db, sql } from "@buzz/db";
import { type AlertChange, planBatches, sendBatch, type WebhookDeliveryMessage } from "@buzz/queue";
import type { Alert } from "@buzz/schema/contract";

export async function deliverAlertChanges(db: Db, queue: Queue, changed: readonly Alert[]): Promise<number> {
  if (changed.length === 0) return 0;
  const changes: AlertChange[] = changed.map((a) => ({ ...a, change_id: crypto.randomUUID() }));
  const { rows } = await db.execute<{ webhook_id: string; change_id: string }>(sql`
    insert into webhook_deliveries (webhook_id, event_id)
    select w.id, c.change_id from webhooks w
      cross join jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ change_id: c.change_id })))}::jsonb) as c(change_id uuid)
    where 'alert' = any(w.event_types)
    on conflict do nothing
    returning webhook_id, event_id as change_id`);
  const byId = new Map(changes.map((c) => [c.change_id, c]));
  const messages = rows.map(
    (r): WebhookDeliveryMessage => ({ webhook_id: r.webhook_id, alert: byId.get(r.change_id)! }),
  );
  for (const batch of planBatches(messages, (m) => m)) await sendBatch(queue, batch);
  return messages.length;
}
