// Which events of a replay are goals, and when each goal's pushes reached its fans: pure, so `npm test` checks it.
import type { ReplayResult } from "@buzz/simulator";
import type { Delivery } from "../../../test/src/mock-push/index.js";

export interface Goal {
  matchId: string;
  eventId: string;
  /** The push endpoints of the fans it must reach: the followers of either team of its match. */
  fans: ReadonlySet<string>;
}

export interface GoalPushes extends Goal {
  /** When the gateway received it (its received_at), ms since the epoch; NaN when ops had no record of it. */
  receivedAt: number;
  /** How many of its fans have had a push for it. */
  delivered: number;
  /** Received → first push at the mock; absent while none has come. */
  firstMs?: number;
  /** Received → the last of its fans' pushes; absent until every fan has had one. */
  allMs?: number;
}

/**
 * The goals a replay had sequenced: a sensor's GOAL_LINE_SIGNAL, logged as a provisional GOAL_SCORED, or an
 * operator's GOAL_SCORED with no report of that goal before it. An operator's report of a goal already in is
 * `amended` (a GOAL_AMENDED that corrects the goal's push), and a resend is a `duplicate`: neither is a goal.
 */
export function goalIds(replay: ReplayResult): string[] {
  return replay.results
    .filter(
      ({ item, result }) =>
        result.status === "sequenced" &&
        (item.event.event_type === "GOAL_LINE_SIGNAL" || item.event.event_type === "GOAL_SCORED"),
    )
    .map(({ result }) => result.event_id);
}

const eventOf = (d: Delivery) => (d.payload as { data?: { event_id?: string } } | undefined)?.data?.event_id;

/**
 * Each goal's pushes among the mock's deliveries, matched by the event_id the payload carries; a fan pushed twice
 * for one goal (a redelivery) counts once, at its first push. `receivedAt` maps a goal's event id to its received_at.
 */
export function goalPushes(
  goals: readonly Goal[],
  deliveries: readonly Delivery[],
  receivedAt: ReadonlyMap<string, number> = new Map(),
): GoalPushes[] {
  const firstTo = new Map<string, Map<string, number>>();
  for (const d of deliveries) {
    const id = eventOf(d);
    if (id === undefined) continue;
    const byFan = firstTo.get(id) ?? new Map<string, number>();
    firstTo.set(id, byFan);
    byFan.set(d.endpoint, Math.min(byFan.get(d.endpoint) ?? Infinity, d.receivedAt));
  }
  return goals.map((goal) => {
    const received = receivedAt.get(goal.eventId) ?? NaN;
    const times = [...(firstTo.get(goal.eventId) ?? new Map()).entries()]
      .filter(([fan]) => goal.fans.has(fan))
      .map(([, at]) => at);
    const out: GoalPushes = { ...goal, receivedAt: received, delivered: times.length };
    if (times.length > 0) out.firstMs = Math.min(...times) - received;
    if (times.length === goal.fans.size) out.allMs = Math.max(...times) - received;
    return out;
  });
}
