import { goalBody, shotBody } from "../client.js";

/** The i-th event of a match: a goal for the home side every 25th (minutes 9 apart, so none merge), else a shot. */
export function eventOf(match: number, i: number): { event_type: string } {
  if (i % 25 !== 24) return JSON.parse(shotBody(match * 10_000 + i));
  return JSON.parse(goalBody(i, 1 + 9 * Math.floor(i / 25), `drain-goal-${match}-${i}`));
}

/** VAR takes a goal back. */
export const cancellationOf = (goalId: string) => ({
  event_type: "GOAL_CANCELLED",
  occurred_at: new Date().toISOString(),
  source: { system: "REFEREE" },
  data: { reason: "VAR" },
  metadata: { causation_id: goalId },
});

export interface Push {
  endpoint: string;
  receivedAt: number;
  payload: unknown;
}
type Payload = { tag: string; data: { event_id: string; sequence_number: number } };
export const eventIdOf = (p: Push) => (p.payload as Payload).data.event_id;

/**
 * Pushes that reached a fan after a newer one with the same tag (a goal, its amendments and its cancellation
 * share one): the phone would end on stale news. Counted per fan (endpoint) and tag, in arrival order.
 */
export function olderAfterNewer(pushes: readonly Push[]): number {
  const last = new Map<string, number>();
  let count = 0;
  for (const p of [...pushes].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const { tag, data } = p.payload as Payload;
    const key = `${p.endpoint}|${tag}`;
    if ((last.get(key) ?? 0) > data.sequence_number) count++;
    last.set(key, data.sequence_number);
  }
  return count;
}
