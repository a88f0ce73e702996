import type { Derived, DerivedTeam } from "@buzz/queue";
import type { PublishedEvent, Score } from "@buzz/schema/contract";
import {
  type Coordinates,
  expectedGoals,
  finalResult,
  type MatchClock,
  PENALTY_XG,
  shotGeometry,
  type WinProbability,
  winProbability,
} from "../analytics/index.js";

/** What enrichment knows of a match before the first event of a batch (see context.ts). */
export interface MatchContext {
  /** The score before that event. */
  score: Score;
  teams?: { home: DerivedTeam; away: DerivedTeam };
}

export const NO_CONTEXT: MatchContext = { score: { home: 0, away: 0 } };

/**
 * Derives every event of a batch, match by match in sequence order, carrying the score from one event to the
 * next: most events (cards, substitutions, periods) do not say the score, and win probability needs it.
 */
export function deriveAll(
  events: PublishedEvent[],
  contexts: ReadonlyMap<string, MatchContext>,
): Map<string, Derived> {
  const ordered = [...events].sort(
    (a, b) => a.match_id.localeCompare(b.match_id) || a.sequence_number - b.sequence_number,
  );
  const scores = new Map<string, Score>();
  const out = new Map<string, Derived>();
  for (const event of ordered) {
    const context = contexts.get(event.match_id) ?? NO_CONTEXT;
    const derived = derive(event, { ...context, score: scores.get(event.match_id) ?? context.score });
    scores.set(event.match_id, derived.score!);
    out.set(event.event_id, derived);
  }
  return out;
}

export function derive(event: PublishedEvent, context: MatchContext): Derived {
  const score = scoreAfter(event, context.score);
  const derived: Derived = { ...shotFields(event), score };
  const chances = chancesAfter(event, score);
  if (chances) derived.win_probability = rounded(chances);
  if (context.teams) derived.teams = context.teams;
  return derived;
}

function shotFields(event: PublishedEvent): Derived {
  switch (event.event_type) {
    case "SHOT":
      return event.data.coordinates ? located(event.data.coordinates) : {};
    case "GOAL_SCORED":
    case "GOAL_AMENDED": {
      const d = event.data;
      // Nobody shot at the goal an own goal went into.
      if (d.goal_type === "OWN_GOAL") return {};
      const at = d.coordinates ? located(d.coordinates) : {};
      return d.goal_type === "PENALTY" ? { ...at, expected_goals: PENALTY_XG } : at;
    }
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "GOAL_CANCELLED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "PENALTY_SHOOTOUT_KICK":
    case "MATCH_ENDED":
    // A save is the keeper's: the attempt it stopped is its own SHOT event.
    case "VAR_REVIEW_STARTED":
    case "VAR_REVIEW_ENDED":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return {};
  }
}

function located(at: Coordinates): Derived {
  return {
    expected_goals: round(expectedGoals(at), 4),
    shot_distance_m: round(shotGeometry(at).distance, 1),
  };
}

function scoreAfter(event: PublishedEvent, before: Score): Score {
  switch (event.event_type) {
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
      return event.data.score_after;
    case "MATCH_ENDED":
      return event.data.final_score;
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "SHOT":
    case "PENALTY_SHOOTOUT_KICK":
    // An overturned goal comes off the score with the GOAL_CANCELLED sequenced after the decision.
    case "VAR_REVIEW_STARTED":
    case "VAR_REVIEW_ENDED":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return before;
  }
}

/** Win probability after the event; none during a shoot-out, which the Poisson model does not forecast. */
function chancesAfter(event: PublishedEvent, score: Score): WinProbability | null {
  if (event.event_type === "MATCH_ENDED") return finalResult(score, event.data.penalty_score);
  const clock = clockOf(event);
  return clock && clock.period !== "PENALTY_SHOOTOUT" ? winProbability(score, clock) : null;
}

function clockOf(event: PublishedEvent): MatchClock | null {
  switch (event.event_type) {
    case "PERIOD_STARTED":
      return { period: event.data.match_period, minute: event.data.match_minute, stoppage: 0 };
    case "PERIOD_ENDED":
      return {
        period: event.data.match_period,
        minute: event.data.match_minute,
        stoppage: event.data.stoppage_minute,
        ended: true,
      };
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "SHOT":
    case "VAR_REVIEW_STARTED":
    case "VAR_REVIEW_ENDED":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return {
        period: event.data.match_period,
        minute: event.data.match_minute,
        stoppage: event.data.stoppage_minute,
      };
    case "PENALTY_SHOOTOUT_KICK":
    case "MATCH_ENDED":
      return null;
  }
}

/** Four decimals, draw taking the rounding remainder so the three still sum to 1. */
function rounded(p: WinProbability): WinProbability {
  const home = round(p.home, 4);
  const away = round(p.away, 4);
  return { home, draw: round(1 - home - away, 4), away };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
