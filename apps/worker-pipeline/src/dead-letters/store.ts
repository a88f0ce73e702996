// The recorder's SQL. Every statement is idempotent, so a batch retried after a partial failure (or delivered
// twice) converges on the same rows; no transaction needed, and none held open on PGlite's single session.
import {
  and,
  type Db,
  deadLetters,
  eq,
  notInArray,
  notificationLog,
  or,
  sql,
  webhookDeliveries,
} from "@buzz/db";
import type { Letter } from "./letter.js";

/** Stores the letters and marks what they settle; returns how many letters were new. */
export async function storeLetters(db: Db, letters: Letter[]): Promise<number> {
  if (letters.length === 0) return 0;
  const inserted = await db
    .insert(deadLetters)
    .values(
      letters.map((l) => ({
        queue: l.queue,
        sourceQueue: l.sourceQueue,
        messageId: l.messageId,
        body: l.body,
        reason: l.reason,
        issues: l.issues,
        attempts: l.attempts,
        eventId: l.eventId,
        enqueuedAt: l.enqueuedAt,
      })),
    )
    .onConflictDoNothing({ target: [deadLetters.queue, deadLetters.messageId] })
    .returning({ id: deadLetters.id });

  const notifications = letters.flatMap((l) => l.notifications ?? []);
  if (notifications.length > 0) {
    // A delivered or pruned notification is already settled: a stray duplicate dying later must not move it,
    // or delivered + pruned + dead would no longer add up to attempted.
    await db
      .update(notificationLog)
      // Its sender gave up: a claim it held (dispatch/claim.ts) would only hold back a redrive.
      .set({
        status: "dead",
        updatedAt: sql`now()`,
        claimedBy: null,
        claimedAttempt: null,
        claimedUntil: null,
      })
      .where(
        and(
          notInArray(notificationLog.status, ["delivered", "pruned", "dead"]),
          or(
            ...notifications.map((n) =>
              and(eq(notificationLog.eventId, n.eventId), eq(notificationLog.deviceId, n.deviceId)),
            ),
          ),
        ),
      );
  }

  const deliveries = letters.flatMap((l) => (l.webhookDelivery ? [l.webhookDelivery] : []));
  if (deliveries.length > 0) {
    await db
      .update(webhookDeliveries)
      .set({ status: "dead", updatedAt: sql`now()` })
      .where(
        and(
          notInArray(webhookDeliveries.status, ["delivered", "dead"]),
          or(
            ...deliveries.map((d) =>
              and(eq(webhookDeliveries.webhookId, d.webhookId), eq(webhookDeliveries.eventId, d.eventId)),
            ),
          ),
        ),
      );
  }
  return inserted.length;
}
