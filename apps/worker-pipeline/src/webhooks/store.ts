// The delivery consumer's SQL: what to send where, and what came of it. One statement per step per batch.
import { and, type Db, eq, inArray, sql, webhookDeliveries, webhooks } from "@buzz/db";

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

export interface DeliveryKey {
  webhookId: string;
  eventId: string;
}

export interface Webhook {
  id: string;
  url: string;
  secret: string;
}

export interface Targets {
  /** Webhooks that still exist; one deleted (or removed after a 410) is absent. */
  webhooks: Map<string, Webhook>;
  /** Status of each delivery row found, by `keyOf`. */
  statuses: Map<string, DeliveryStatus>;
}

export interface AttemptRecord extends DeliveryKey {
  status: Extract<DeliveryStatus, "delivered" | "retrying" | "dead">;
  /** The receiver's HTTP status; null for a timeout or network error. */
  httpStatus: number | null;
}

export interface DeliveryStore {
  targets(keys: DeliveryKey[]): Promise<Targets>;
  record(attempts: AttemptRecord[]): Promise<void>;
  /** Removes webhooks whose receiver answered 410 Gone; their delivery rows go with them. */
  remove(webhookIds: string[]): Promise<void>;
}

export const keyOf = (k: DeliveryKey) => `${k.webhookId}/${k.eventId}`;

export function sqlDeliveryStore(db: Db): DeliveryStore {
  return {
    async targets(keys) {
      const webhookIds = [...new Set(keys.map((k) => k.webhookId))];
      const eventIds = [...new Set(keys.map((k) => k.eventId))];
      const rows = await db
        .select({
          id: webhooks.id,
          url: webhooks.url,
          secret: webhooks.secret,
          eventId: webhookDeliveries.eventId,
          status: webhookDeliveries.status,
        })
        .from(webhooks)
        .leftJoin(
          webhookDeliveries,
          and(eq(webhookDeliveries.webhookId, webhooks.id), inArray(webhookDeliveries.eventId, eventIds)),
        )
        .where(inArray(webhooks.id, webhookIds));
      const targets: Targets = { webhooks: new Map(), statuses: new Map() };
      for (const r of rows) {
        targets.webhooks.set(r.id, { id: r.id, url: r.url, secret: r.secret });
        if (r.eventId && r.status)
          targets.statuses.set(keyOf({ webhookId: r.id, eventId: r.eventId }), r.status);
      }
      return targets;
    },

    async record(attempts) {
      if (attempts.length === 0) return;
      const values = sql.join(
        attempts.map(
          (a) => sql`(${a.webhookId}::uuid, ${a.eventId}::uuid, ${a.status}, ${a.httpStatus}::smallint)`,
        ),
        sql`, `,
      );
      // An upsert, not an update: the fan-out commits its rows after enqueueing, so a fast consumer (or one
      // after a failed commit) may get here first. Joining webhooks skips one deleted meanwhile. A delivered
      // row stays delivered whatever a concurrent duplicate attempt saw.
      await db.execute(sql`
        insert into ${webhookDeliveries} (webhook_id, event_id, status, attempts, last_status, updated_at)
        select v.webhook_id, v.event_id, v.status, 1, v.last_status, now()
        from (values ${values}) as v(webhook_id, event_id, status, last_status)
        join ${webhooks} w on w.id = v.webhook_id
        on conflict (webhook_id, event_id) do update set
          status = excluded.status,
          attempts = ${webhookDeliveries}.attempts + 1,
          last_status = excluded.last_status,
          updated_at = now()
        where ${webhookDeliveries}.status <> 'delivered'`);
    },

    async remove(webhookIds) {
      if (webhookIds.length > 0) await db.delete(webhooks).where(inArray(webhooks.id, webhookIds));
    },
  };
}
