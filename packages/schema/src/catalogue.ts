import type { EventType } from "./input.js";

export type Urgency = "very-low" | "low" | "normal" | "high";

export interface EventTypeInfo {
  description: string;
  /** Web Push `Urgency` for notifications about it. */
  urgency: Urgency;
  /** Seconds a notification about it stays worth delivering (Web Push `TTL`, `metadata.ttl_seconds`). */
  ttl_seconds: number;
  /** Who normally sends it. */
  sources: string[];
}

/** The event-type catalogue: one place that says what each type means and how urgent it is. */
export const EVENT_CATALOGUE: Record<EventType, EventTypeInfo> = {
  PERIOD_STARTED: { description: "A period kicked off.", urgency: "normal", ttl_seconds: 600, sources: ["REFEREE", "OPTA"] },
  PERIOD_ENDED: { description: "A period ended (half-time, full-time, end of extra time).", urgency: "normal", ttl_seconds: 600, sources: ["REFEREE", "OPTA"] },
  GOAL_LINE_SIGNAL: { description: "The goal-line sensor saw the ball cross the line; sequenced as a provisional GOAL_SCORED.", urgency: "high", ttl_seconds: 300, sources: ["HAWKEYE"] },
  GOAL_SCORED: { description: "A goal, with scorer when the operator has named one.", urgency: "high", ttl_seconds: 300, sources: ["OPTA", "HAWKEYE"] },
  GOAL_AMENDED: { description: "New detail (scorer, assist, type) for a goal already sequenced; replaces its notification.", urgency: "high", ttl_seconds: 300, sources: ["OPTA"] },
  GOAL_CANCELLED: { description: "A goal taken off the score (VAR, offside…).", urgency: "high", ttl_seconds: 300, sources: ["REFEREE", "OPTA"] },
  CARD_SHOWN: { description: "A yellow, second yellow or red card.", urgency: "normal", ttl_seconds: 600, sources: ["REFEREE", "OPTA"] },
  SUBSTITUTION: { description: "A player replaced.", urgency: "low", ttl_seconds: 900, sources: ["OPTA"] },
  SHOT: { description: "A shot that did not score.", urgency: "very-low", ttl_seconds: 120, sources: ["OPTA", "EPTS"] },
  PENALTY_SHOOTOUT_KICK: { description: "One kick of the shoot-out.", urgency: "high", ttl_seconds: 300, sources: ["REFEREE", "OPTA"] },
  MATCH_ENDED: { description: "The final whistle.", urgency: "normal", ttl_seconds: 3600, sources: ["REFEREE", "OPTA"] },
};
