// The webhook admin routes' SQL.
import { asc, type Db, eq, sql, WEBHOOK_DELIVERY_STATUSES, webhookDeliveries, webhooks } from "@buzz/db";

type DeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookView {
  id: string;
  url: string;
  event_types: string[];
  created_at: string;
}

export interface WebhookListItem extends WebhookView {
  /** Deliveries by status, so an operator sees at a glance what is failing. */
  deliveries: Record<DeliveryStatus, number>;
}

export async function createWebhook(
  db: Db,
  url: string,
  eventTypes: string[],
  secret: string,
): Promise<WebhookView> {
  const [row] = await db.insert(webhooks).values({ url, eventTypes, secret }).returning();
  return view(row!);
}

export async function listWebhooks(db: Db): Promise<WebhookListItem[]> {
  const rows = await db
    .select({
      id: webhooks.id,
      url: webhooks.url,
      eventTypes: webhooks.eventTypes,
      createdAt: webhooks.createdAt,
      counts: sql<Record<string, number> | null>`(
        select json_object_agg(status, n) from (
          select ${webhookDeliveries.status} as status, count(*)::int as n from ${webhookDeliveries}
          where ${webhookDeliveries.webhookId} = ${webhooks.id} group by ${webhookDeliveries.status}
        ) as by_status)`,
    })
    .from(webhooks)
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
  return rows.map((r) => ({
    ...view(r),
    deliveries: Object.fromEntries(WEBHOOK_DELIVERY_STATUSES.map((s) => [s, r.counts?.[s] ?? 0])) as Record<
      DeliveryStatus,
      number
    >,
  }));
}

/** False when there was no such webhook. Its deliveries go with it (ON DELETE CASCADE). */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  return (await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id })).length > 0;
}

/** False when there was no such webhook. */
export async function replaceSecret(db: Db, id: string, secret: string): Promise<boolean> {
  return (
    (await db.update(webhooks).set({ secret }).where(eq(webhooks.id, id)).returning({ id: webhooks.id }))
      .length > 0
  );
}

function view(row: { id: string; url: string; eventTypes: string[]; createdAt: Date }): WebhookView {
  return { id: row.id, url: row.url, event_types: row.eventTypes, created_at: row.createdAt.toISOString() };
}
