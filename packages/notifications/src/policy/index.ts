import type { Card, PublishedEvent, PublishedEventType, Urgency } from "@buzz/schema";

/**
 * Default notification lifetimes, equal to EVENT_CATALOGUE's `ttl_seconds` (a test holds them equal). Copied,
 * not imported: "@buzz/schema" only has one entry point, and importing the catalogue through it drags the zod
 * schemas (≈450 KB, measured with esbuild) into the dashboard bundle, which only wants these numbers.
 * A goal is stale within minutes; a final score is worth delivering for an hour.
 */
export const DEFAULT_TTL_SECONDS: Record<PublishedEventType, number> = {
  PERIOD_STARTED: 600,
  PERIOD_ENDED: 600,
  GOAL_SCORED: 300,
  GOAL_AMENDED: 300,
  GOAL_CANCELLED: 300,
  CARD_SHOWN: 600,
  SUBSTITUTION: 900,
  SHOT: 120,
  PENALTY_SHOOTOUT_KICK: 300,
  MATCH_ENDED: 3600,
};

/** A card that sends a player off changes the match like a goal does. */
export const CRITICAL_CARDS: ReadonlySet<Card> = new Set<Card>(["RED", "SECOND_YELLOW"]);

/**
 * Events that reach a fan even past the cap of 10 notifications per match per device (cards count when in
 * CRITICAL_CARDS). Goals and the final score are why a fan follows a team. An amendment or a cancellation must
 * never be capped: it corrects a goal push the fan already has (same tag, so it replaces it and adds nothing
 * to the screen) — capping a VAR cancellation would leave a wrong score on the phone. A sending-off changes
 * the match. Substitutions, yellows, periods and shoot-out kicks are the noise the cap is for.
 */
export const CRITICAL_EVENTS: ReadonlySet<PublishedEventType> = new Set<PublishedEventType>([
  "GOAL_SCORED",
  "GOAL_AMENDED",
  "GOAL_CANCELLED",
  "MATCH_ENDED",
]);

/** Whether anyone is ever notified of it: shots are live-feed material only. */
export const notifies = (event: PublishedEvent): boolean => event.event_type !== "SHOT";

export function bypassesMatchCap(event: PublishedEvent): boolean {
  if (event.event_type === "CARD_SHOWN") return CRITICAL_CARDS.has(event.data.card);
  return CRITICAL_EVENTS.has(event.event_type);
}

/** Web Push `Urgency` (RFC 8030 §5.3): how hard the push service may wake a sleeping phone for it. */
export function urgencyOf(event: PublishedEvent): Urgency {
  switch (event.event_type) {
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
    case "PENALTY_SHOOTOUT_KICK":
      return "high";
    case "CARD_SHOWN":
      return CRITICAL_CARDS.has(event.data.card) ? "high" : "normal";
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "MATCH_ENDED":
      return "normal";
    case "SUBSTITUTION":
      return "low";
    case "SHOT":
      return "very-low";
  }
}

/**
 * Web Push `TTL` in seconds. The envelope's `metadata.ttl_seconds` already is the catalogue default unless the
 * source chose one (the MatchRoom fills it), and the catalogue documents it as the Web Push TTL, so it wins;
 * the table only covers an envelope without a usable value.
 */
export function ttlOf(event: PublishedEvent): number {
  const ttl = event.metadata.ttl_seconds;
  return Number.isInteger(ttl) && ttl >= 0 ? ttl : DEFAULT_TTL_SECONDS[event.event_type];
}
