// The dead-letter table as ops reads and changes it (rows written by the pipeline's dead-letter consumer).

import { and, type Db, deadLetters, desc, eq, sql } from "@buzz/db";
import type { DeadLetterState, DeadLetterView, Issue } from "@buzz/schema/contract";
import { deadLetterQueueOf, type QueueName } from "@buzz/schema/contract";

export interface DeadLetterFilter {
  queue?: QueueName;
  state?: DeadLetterState;
  limit: number;
}

/** Newest first. */
export async function listDeadLetters(db: Db, filter: DeadLetterFilter): Promise<DeadLetterView[]> {
  const rows = await db
    .select()
    .from(deadLetters)
    .where(
      and(
        filter.queue ? eq(deadLetters.queue, deadLetterQueueOf(filter.queue)) : undefined,
        filter.state ? eq(deadLetters.state, filter.state) : undefined,
      ),
    )
    .orderBy(desc(deadLetters.firstSeenAt), desc(deadLetters.id))
    .limit(filter.limit);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    source_queue: r.sourceQueue,
    message_id: r.messageId,
    event_id: r.eventId,
    reason: r.reason,
    issues: r.issues as Issue[] | null,
    attempts: r.attempts,
    state: r.state,
    enqueued_at: r.enqueuedAt?.toISOString() ?? null,
    first_seen_at: r.firstSeenAt.toISOString(),
    redriven_at: r.redrivenAt?.toISOString() ?? null,
    body: JSON.parse(r.body) as unknown,
  }));
}

export type Claim =
  | { kind: "claimed"; sourceQueue: string; body: unknown; eventId: string | null; redrivenAt: Date }
  | { kind: "not_found" }
  | { kind: "already_redriven" };

/** dead → redriven in one statement, so of two operators redriving at once only one gets the letter to send. */
export async function claimDeadLetter(db: Db, id: string): Promise<Claim> {
  const [claimed] = await db
    .update(deadLetters)
    .set({ state: "redriven", redrivenAt: sql`now()` })
    .where(and(eq(deadLetters.id, id), eq(deadLetters.state, "dead")))
    .returning();
  if (claimed)
    return {
      kind: "claimed",
      sourceQueue: claimed.sourceQueue,
      body: JSON.parse(claimed.body),
      eventId: claimed.eventId,
      redrivenAt: claimed.redrivenAt!,
    };
  const [row] = await db.select({ state: deadLetters.state }).from(deadLetters).where(eq(deadLetters.id, id));
  return row ? { kind: "already_redriven" } : { kind: "not_found" };
}

/** Undoes a claim whose send failed: the letter is dead again, and can be redriven later. */
export async function releaseDeadLetter(db: Db, id: string): Promise<void> {
  await db.update(deadLetters).set({ state: "dead", redrivenAt: null }).where(eq(deadLetters.id, id));
}

/** The log rows a redrive put back in flight (reopenDelivery), for closeDelivery to put back if its send fails. */
export interface Reopened {
  eventId: string;
  devices: string[];
  webhookId: string | null;
}

/**
 * A redriven notification or webhook delivery is in flight again: its log row goes from `dead` back to
 * `retrying`, so the dispatch account counts it once wherever it ends, and the webhook deliverer (which skips a
 * delivery already `dead`) sends it. Done before the message is sent: a consumer that took it first would find
 * the row still `dead` and drop it as settled.
 */
export async function reopenDelivery(
  db: Db,
  queue: QueueName,
  body: unknown,
  eventId: string | null,
): Promise<Reopened | null> {
  if (!eventId || !body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  const named = queue === "notifications" ? devicesOf(b) : [];
  let devices: string[] = [];
  if (named.length) {
    const ids = sql.join(
      named.map((d) => sql`${d.toLowerCase()}`),
      sql`, `,
    );
    const { rows } = await db.execute<{ device_id: string }>(sql`update notification_log
      set status = 'retrying', updated_at = now()
      where event_id = ${eventId} and device_id::text in (${ids}) and status = 'dead'
      returning device_id`);
    devices = rows.map((r) => r.device_id);
  }
  let webhookId: string | null = null;
  if (queue === "webhook-deliveries" && typeof b.webhook_id === "string") {
    const { rows } = await db.execute<{ webhook_id: string }>(sql`update webhook_deliveries
      set status = 'retrying', updated_at = now()
      where event_id = ${eventId} and webhook_id::text = ${b.webhook_id.toLowerCase()} and status = 'dead'
      returning webhook_id`);
    webhookId = rows[0]?.webhook_id ?? null;
  }
  return { eventId, devices, webhookId };
}

/** Undoes reopenDelivery when the redrive's message could not be sent: those rows are dead again. */
export async function closeDelivery(db: Db, reopened: Reopened | null): Promise<void> {
  if (!reopened) return;
  const { eventId, devices, webhookId } = reopened;
  if (devices.length) {
    const ids = sql.join(
      devices.map((d) => sql`${d}::uuid`),
      sql`, `,
    );
    await db.execute(sql`update notification_log set status = 'dead', updated_at = now()
      where event_id = ${eventId} and device_id in (${ids}) and status = 'retrying'`);
  }
  if (webhookId)
    await db.execute(sql`update webhook_deliveries set status = 'dead', updated_at = now()
      where event_id = ${eventId} and webhook_id = ${webhookId}::uuid and status = 'retrying'`);
}

/** The devices a `notifications` body names: one (a single push) or each recipient of a group. */
function devicesOf(b: Record<string, unknown>): string[] {
  if (typeof b.device_id === "string") return [b.device_id];
  if (!Array.isArray(b.recipients)) return [];
  return b.recipients.flatMap((r) =>
    typeof r === "object" && r !== null && typeof (r as { device_id?: unknown }).device_id === "string"
      ? [(r as { device_id: string }).device_id]
      : [],
  );
}
