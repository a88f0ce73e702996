import type { GoalRecord, MatchState, Side } from "@buzz/schema";

/**
 * The goal a new report about `side` at `occurredAt` is the same goal as, if any.
 *
 * The window is measured on `occurred_at` (when each source says the ball crossed the line), not on arrival:
 * an operator report held back by a network cut is still the same goal, and no side scores twice within
 * seconds (the restart alone takes longer), so two reports that close together are one fact.
 */
export function sameGoal(state: MatchState, side: Side, occurredAt: string, windowMs: number): GoalRecord | undefined {
  const t = Date.parse(occurredAt);
  let best: GoalRecord | undefined;
  for (const g of state.goals) {
    if (g.side !== side) continue;
    const distance = Math.abs(Date.parse(g.occurred_at) - t);
    if (distance > windowMs) continue;
    if (!best || distance < Math.abs(Date.parse(best.occurred_at) - t)) best = g;
  }
  return best;
}
