import type { GoalRecord, MatchPeriod, MatchState, Side } from "@buzz/schema/contract";

export interface GoalReport {
  side: Side;
  occurred_at: string;
  match_period: MatchPeriod;
  match_minute: number;
  stoppage_minute: number;
}

/** Sources disagree by a few seconds on when the ball crossed the line, which can straddle a minute. */
const CLOCK_TOLERANCE_MINUTES = 1;

/**
 * The goal a new report is the same goal as, if any: same side, same period, the match clocks at most a
 * minute apart, and `occurred_at` within the window.
 *
 * The window is measured on `occurred_at` (when each source says the ball crossed the line), not on arrival,
 * so an operator report held back by a network cut is still the same goal. The match clock keeps two goals
 * apart when wall-clock time is compressed (a replay at 30× puts the 59th and 65th minutes 12 s apart).
 */
export function sameGoal(state: MatchState, r: GoalReport, windowMs: number): GoalRecord | undefined {
  const t = Date.parse(r.occurred_at);
  const clock = r.match_minute + r.stoppage_minute;
  let best: GoalRecord | undefined;
  let bestDistance = Infinity;
  for (const g of state.goals) {
    if (g.side !== r.side || g.match_period !== r.match_period) continue;
    if (Math.abs(g.match_minute + g.stoppage_minute - clock) > CLOCK_TOLERANCE_MINUTES) continue;
    const distance = Math.abs(Date.parse(g.occurred_at) - t);
    if (distance <= windowMs && distance < bestDistance) [best, bestDistance] = [g, distance];
  }
  return best;
}
