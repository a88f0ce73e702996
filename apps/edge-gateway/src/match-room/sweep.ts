// The archive sweeper: the room notices sequenced events the pipeline never archived and hands them to the
// queue again. The outbox already guarantees a send; this covers what is lost after a successful send (a local
// queue that died with its process, a consumer that acked without writing). Consumers deduplicate by event_id,
// so a requeue of an event that was only slow is harmless.
import { type Db, eventArchive, inArray } from "@buzz/db";

/** A sequenced event the archive has not been seen to hold yet. */
export interface Unconfirmed {
  seq: number;
  event_id: string;
  published_ms: number;
  /** Still in the outbox: its send is the outbox's business, not the sweeper's. */
  queued: boolean;
}

export interface SweepPlan {
  /** The room may stop checking everything up to here: the archive holds each of these events. */
  confirmedThrough: number | null;
  /** Sent more than `deadlineMs` ago and still not archived: back to the queue. */
  requeue: number[];
}

/** Decides from what the archive holds; pure. `unconfirmed` is in sequence order. */
export function planSweep(
  unconfirmed: readonly Unconfirmed[],
  archived: ReadonlySet<string>,
  now: number,
  deadlineMs: number,
): SweepPlan {
  let confirmedThrough: number | null = null;
  for (const e of unconfirmed) {
    if (!archived.has(e.event_id)) break;
    confirmedThrough = e.seq;
  }
  const requeue = unconfirmed
    .filter((e) => !archived.has(e.event_id) && !e.queued && now - e.published_ms >= deadlineMs)
    .map((e) => e.seq);
  return { confirmedThrough, requeue };
}

/** Which of these events the archive holds (by event_id: a wiped room numbers its events from 1 again). */
export async function archivedOf(db: Db, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .select({ id: eventArchive.eventId })
    .from(eventArchive)
    .where(inArray(eventArchive.eventId, eventIds));
  return new Set(rows.map((r) => r.id));
}
