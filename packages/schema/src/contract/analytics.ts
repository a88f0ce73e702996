import type { MatchPeriod, Side } from "./enums.js";
import type { PublishedEventType } from "./events.js";

/** Chances of each final result, summing to 1. */
export interface ResultChances {
  home: number;
  draw: number;
  away: number;
}

/** One sequenced event as enrichment derived it: an entry of `GET /v1/matches/{id}/analytics`. */
export interface AnalyticsEvent {
  sequence_number: number;
  event_id: string;
  event_type: PublishedEventType;
  /** The match clock; null for a shoot-out kick, which has none. */
  match_minute: number | null;
  stoppage_minute: number | null;
  match_period: MatchPeriod | null;
  /** The team the event is about (for a goal: the side credited); null for periods and the final whistle. */
  side: Side | null;
  /**
   * The attempt this event describes: its own id for a SHOT or GOAL_SCORED, the goal's (`causation_id`) for a
   * GOAL_AMENDED or GOAL_CANCELLED; null for other events.
   */
  attempt_id: string | null;
  /** Whether this event's expected goals count in the totals: the latest word on an attempt that still stands. */
  counted: boolean;
  expected_goals: number | null;
  shot_distance_m: number | null;
  /** Where the shot was taken (0-100 along and across the pitch, attacking x = 100), when the source said. */
  coordinates: { x: number; y: number } | null;
  win_probability: ResultChances | null;
}

export interface SideTotals {
  home: number;
  away: number;
}

/** `GET /v1/matches/{id}/analytics` (public): what the pipeline derived for the match, in sequence order. */
export interface MatchAnalytics {
  match_id: string;
  /** The room's last sequence number when this was read. */
  last_sequence: number;
  /** Every event enrichment has been through, oldest first. */
  events: AnalyticsEvent[];
  /** Sequenced events the pipeline has not enriched yet (a moment behind the live feed, or stuck: see ops). */
  pending: number;
  totals: {
    /** Sum of the counted expected goals per side (a cancelled goal and a superseded version do not count). */
    expected_goals: SideTotals;
    /** Counted attempts per side: shots and goals, own goals aside. */
    attempts: SideTotals;
  };
}
