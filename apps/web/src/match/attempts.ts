import type { MatchState, PublishedEvent, Side } from "@buzz/schema/contract";
import { minute } from "../format/index.js";

/** A shot or a goal, wherever it can be drawn from. */
export interface Attempt {
  id: string;
  side: Side;
  /** Position on the chart's minute axis (see `clockValue`). */
  at: number;
  label: string;
  coordinates: { x: number; y: number } | null;
  goal: boolean;
  cancelled: boolean;
}

/** Stoppage time is drawn inside its period's last minute, so 45+3 stays before 46. */
export const clockValue = (m: number, stoppage = 0) => m + Math.min(stoppage, 9) / 10;

/**
 * Shots from the log and goals from the projection (which carries each goal's latest coordinates and scorer after
 * amendments, and whether it was cancelled), in match order.
 */
export function attemptsOf(events: readonly PublishedEvent[], state: MatchState): Attempt[] {
  const shots: Attempt[] = events.flatMap((e) =>
    e.event_type === "SHOT"
      ? [
          {
            id: e.event_id,
            side: e.data.team.side,
            at: clockValue(e.data.match_minute, e.data.stoppage_minute),
            label: `${minute(e.data.match_minute, e.data.stoppage_minute)} ${e.data.player.name}: shot, ${e.data.outcome.replace(/_/g, " ").toLowerCase()}`,
            coordinates: e.data.coordinates,
            goal: false,
            cancelled: false,
          },
        ]
      : [],
  );
  const goals: Attempt[] = state.goals.map((g) => ({
    id: g.event_id,
    side: g.side,
    at: clockValue(g.match_minute, g.stoppage_minute),
    label: `${minute(g.match_minute, g.stoppage_minute)} ${g.scorer?.name ?? "scorer to be confirmed"}: goal${g.cancelled ? ` (cancelled: ${g.cancel_reason ?? "no reason"})` : ""}`,
    coordinates: g.coordinates,
    goal: true,
    cancelled: g.cancelled,
  }));
  return [...shots, ...goals].sort((a, b) => a.at - b.at);
}
