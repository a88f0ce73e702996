import type { Card, SourceSystem } from "./enums.js";
import type { EventType } from "./events.js";
import type { PublishedEvent } from "./published.js";

/** Web Push `Urgency` (RFC 8030 §5.3): how hard the push service may wake a sleeping phone for it. */
export type Urgency = "very-low" | "low" | "normal" | "high";

/** What a fan switches on or off in their preferences (contract v1.1). */
export const NOTIFICATION_CATEGORIES = [
  "goals",
  "var",
  "cards",
  "substitutions",
  "match_status",
  "shootout",
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export interface EventTypeInfo {
  description: string;
  /** The preference that governs pushes about it; null: never pushed (live feed and analytics only). */
  category: NotificationCategory | null;
  /** Web Push `Urgency` of its notifications; a card that sends a player off is raised to `high` (see urgencyOf). */
  urgency: Urgency;
  /** Seconds a notification about it stays worth delivering (Web Push `TTL`, `metadata.ttl_seconds`). */
  ttl_seconds: number;
  /** Who normally sends it. */
  sources: SourceSystem[];
}

/** The event-type catalogue: the one place that says what each type means, who hears of it and how urgently. */
export const EVENT_CATALOGUE: Record<EventType, EventTypeInfo> = {
  PERIOD_STARTED: {
    description: "A period kicked off.",
    category: "match_status",
    urgency: "normal",
    ttl_seconds: 600,
    sources: ["REFEREE", "OPTA"],
  },
  PERIOD_ENDED: {
    description: "A period ended (half-time, full-time, end of extra time).",
    category: "match_status",
    urgency: "normal",
    ttl_seconds: 600,
    sources: ["REFEREE", "OPTA"],
  },
  GOAL_LINE_SIGNAL: {
    description: "The goal-line sensor saw the ball cross the line; sequenced as a provisional GOAL_SCORED.",
    category: "goals",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["HAWKEYE"],
  },
  GOAL_SCORED: {
    description: "A goal, with scorer when the operator has named one.",
    category: "goals",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["OPTA", "HAWKEYE"],
  },
  GOAL_AMENDED: {
    description: "New detail (scorer, assist, type) for a goal already sequenced; replaces its notification.",
    category: "goals",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["OPTA"],
  },
  // A cancellation corrects a goal push the fan already has, so it follows the goal's category, not VAR's.
  GOAL_CANCELLED: {
    description: "A goal taken off the score (VAR, offside…).",
    category: "goals",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["REFEREE", "OPTA"],
  },
  CARD_SHOWN: {
    description: "A yellow, second yellow or red card.",
    category: "cards",
    urgency: "normal",
    ttl_seconds: 600,
    sources: ["REFEREE", "OPTA"],
  },
  SUBSTITUTION: {
    description: "A player replaced.",
    category: "substitutions",
    urgency: "low",
    ttl_seconds: 900,
    sources: ["OPTA"],
  },
  SHOT: {
    description: "A shot that did not score.",
    category: null,
    urgency: "very-low",
    ttl_seconds: 120,
    sources: ["OPTA", "EPTS"],
  },
  PENALTY_SHOOTOUT_KICK: {
    description: "One kick of the shoot-out.",
    category: "shootout",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["REFEREE", "OPTA"],
  },
  MATCH_ENDED: {
    description: "The final whistle.",
    category: "match_status",
    urgency: "normal",
    ttl_seconds: 3600,
    sources: ["REFEREE", "OPTA"],
  },
  // A review holds the stadium's breath: fans who follow VAR want it now, and it is stale once decided.
  VAR_REVIEW_STARTED: {
    description: "The VAR is reviewing a goal, a penalty, a red card or a player's identity.",
    category: "var",
    urgency: "high",
    ttl_seconds: 180,
    sources: ["REFEREE", "OPTA"],
  },
  VAR_REVIEW_ENDED: {
    description:
      "The VAR review's decision; an overturned goal is also taken off the score by a GOAL_CANCELLED.",
    category: "var",
    urgency: "high",
    ttl_seconds: 300,
    sources: ["REFEREE", "OPTA"],
  },
  CORNER_KICK: {
    description: "A corner kick, credited to the side taking it.",
    category: null,
    urgency: "very-low",
    ttl_seconds: 120,
    sources: ["OPTA", "EPTS"],
  },
  FOUL: {
    description: "A foul, credited to the side committing it.",
    category: null,
    urgency: "very-low",
    ttl_seconds: 120,
    sources: ["OPTA", "REFEREE"],
  },
  OFFSIDE: {
    description: "An offside, credited to the side caught offside.",
    category: null,
    urgency: "very-low",
    ttl_seconds: 120,
    sources: ["OPTA", "REFEREE"],
  },
  SAVE: {
    description: "A save, credited to the goalkeeper's side.",
    category: null,
    urgency: "very-low",
    ttl_seconds: 120,
    sources: ["OPTA", "EPTS"],
  },
};

/** Cards that send a player off: they change the match like a goal does. */
export const SENDING_OFF: ReadonlySet<Card> = new Set<Card>(["RED", "SECOND_YELLOW"]);

export const isSendingOff = (event: PublishedEvent): boolean =>
  event.event_type === "CARD_SHOWN" && SENDING_OFF.has(event.data.card);

/** The catalogue's urgency for the event's type, raised to `high` for a sending-off. */
export const urgencyOf = (event: PublishedEvent): Urgency =>
  isSendingOff(event) ? "high" : EVENT_CATALOGUE[event.event_type].urgency;

/** Whether anyone is ever notified of it (shots are live-feed material only). */
export const notifies = (event: PublishedEvent): boolean =>
  EVENT_CATALOGUE[event.event_type].category !== null;
