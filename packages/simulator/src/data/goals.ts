import { type GoalType, MATCH_PERIODS, type MatchPeriod, otherSide, type Side } from "@buzz/schema/contract";
import { slug } from "./slug.js";
import type { RawGoal, WorldCupMatch } from "./worldcup.js";

export interface GoalFact {
  /** The side credited with the goal. */
  side: Side;
  /** The side the scorer plays for: the other one for an own goal. */
  scorerSide: Side;
  playerId: string;
  name: string;
  minute: number;
  stoppage: number;
  period: MatchPeriod;
  goalType: GoalType;
}

export const playerId = (teamCode: string, name: string) => `${teamCode}-${slug(name)}`;

/** ≤45 (45+offset included) first half, ≤90 second, ≤105 first half of extra time, else the second. */
export function periodOfMinute(minute: number): MatchPeriod {
  if (minute <= 45) return "FIRST_HALF";
  if (minute <= 90) return "SECOND_HALF";
  if (minute <= 105) return "EXTRA_TIME_FIRST_HALF";
  return "EXTRA_TIME_SECOND_HALF";
}

/** Every goal of the match, in the order it was scored (the data lists them per team, not in time order). */
export function goalsOf(match: WorldCupMatch): GoalFact[] {
  const fact =
    (side: Side) =>
    (g: RawGoal): GoalFact => {
      const scorerSide = g.owngoal ? otherSide(side) : side;
      const team = scorerSide === "HOME" ? match.home : match.away;
      return {
        side,
        scorerSide,
        playerId: playerId(team.code, g.name),
        name: g.name,
        minute: g.minute,
        stoppage: g.offset ?? 0,
        period: periodOfMinute(g.minute),
        goalType: g.owngoal ? "OWN_GOAL" : g.penalty ? "PENALTY" : "OPEN_PLAY",
      };
    };
  const goals = [
    ...(match.raw.goals1 ?? []).map(fact("HOME")),
    ...(match.raw.goals2 ?? []).map(fact("AWAY")),
  ];
  const order = (g: GoalFact) => [MATCH_PERIODS.indexOf(g.period), g.minute, g.stoppage] as const;
  return goals.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
