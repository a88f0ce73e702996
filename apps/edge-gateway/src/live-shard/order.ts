import type { PublishedEvent } from "@buzz/schema/contract";

/**
 * What a shard does with a batch from its room, given the last sequence its sockets were sent: events already sent
 * are dropped (a retried or overlapping batch), and a batch starting past the next number means the shard missed
 * one (a delivery lost while it was evicted), which it reads from the room's log before sending these.
 */
export function admit(
  delivered: number,
  events: PublishedEvent[],
): { fresh: PublishedEvent[]; missingAfter: number | null } {
  const fresh = events.filter((e) => e.sequence_number > delivered);
  const first = fresh[0]?.sequence_number;
  return { fresh, missingAfter: first !== undefined && first > delivered + 1 ? delivered : null };
}

/** Which shard takes a new socket: the least loaded one with room left, else a new one (`counts.length`). */
export function pickShard(counts: readonly number[], perShard: number): number {
  let best = -1;
  counts.forEach((n, k) => {
    if (n < perShard && (best === -1 || n < counts[best]!)) best = k;
  });
  return best === -1 ? counts.length : best;
}

/** The sockets one object holds before a match's new sockets go to shards; unset or not a number: never. */
export function shardThreshold(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : Number.POSITIVE_INFINITY;
}

/** A shard's name carries its match: `{match}:live:{k}`. */
export const shardName = (matchId: string, k: number) => `${matchId}:live:${k}`;

export function parseShardName(name: string): { matchId: string; k: number } {
  const at = name.lastIndexOf(":live:");
  const k = Number(name.slice(at + 6));
  if (at <= 0 || !Number.isInteger(k) || k < 0) throw new Error(`not a live shard name: ${name}`);
  return { matchId: name.slice(0, at), k };
}
