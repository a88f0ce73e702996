import type { PublishedEvent, Score } from "@buzz/schema/contract";

/** The score just after event `seq`: the last `score_after` at or before it (periods carry none of their own). */
export function scoreAt(events: readonly PublishedEvent[], seq: number): Score {
  let score: Score = { home: 0, away: 0 };
  for (const e of events) {
    if (e.sequence_number > seq) break;
    if (
      e.event_type === "GOAL_SCORED" ||
      e.event_type === "GOAL_AMENDED" ||
      e.event_type === "GOAL_CANCELLED"
    )
      score = e.data.score_after;
  }
  return score;
}
