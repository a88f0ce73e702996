// The per-side counts of the projection (contract v1.1), folded event by event like the rest of the state.
import type { CountedIncident } from "./events.js";
import type { GoalRecord, MatchState, SideStats } from "./state.js";

export const emptyStats = (): MatchState["stats"] => ({
  home: { corners: 0, fouls: 0, offsides: 0, saves: 0, shots: 0 },
  away: { corners: 0, fouls: 0, offsides: 0, saves: 0, shots: 0 },
});

const FIELD: Record<CountedIncident, Exclude<keyof SideStats, "shots">> = {
  CORNER_KICK: "corners",
  FOUL: "fouls",
  OFFSIDE: "offsides",
  SAVE: "saves",
};

const key = (side: "HOME" | "AWAY") => (side === "HOME" ? "home" : "away");

/** One more of `field` for `side`. */
export function counted(
  stats: MatchState["stats"],
  side: "HOME" | "AWAY",
  what: CountedIncident | "SHOT",
): MatchState["stats"] {
  const field = what === "SHOT" ? "shots" : FIELD[what];
  const k = key(side);
  return { ...stats, [k]: { ...stats[k], [field]: stats[k][field] + 1 } };
}

/** A goal is a shot of the side it counts for, unless it is an own goal or was taken off the score. */
const goalShots = (goals: GoalRecord[], side: "HOME" | "AWAY") =>
  goals.filter((g) => g.side === side && !g.cancelled && g.goal_type !== "OWN_GOAL").length;

/**
 * Shots after the goals changed (a goal, its amendment into or out of an own goal, its cancellation): the shots
 * that did not score stay, the goals' part is counted again.
 */
export function withGoalShots(
  stats: MatchState["stats"],
  before: GoalRecord[],
  after: GoalRecord[],
): MatchState["stats"] {
  const shots = (side: "HOME" | "AWAY") =>
    stats[key(side)].shots - goalShots(before, side) + goalShots(after, side);
  return {
    home: { ...stats.home, shots: shots("HOME") },
    away: { ...stats.away, shots: shots("AWAY") },
  };
}
