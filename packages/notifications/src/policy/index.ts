import {
  EVENT_CATALOGUE,
  isSendingOff,
  type PublishedEvent,
  type PublishedEventType,
} from "@buzz/schema/contract";

/**
 * Events that reach a fan even past the cap of 10 notifications per match per device (and a sending-off, see
 * bypassesMatchCap). Goals and the final score are why a fan follows a team. An amendment or a cancellation must
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

export const bypassesMatchCap = (event: PublishedEvent): boolean =>
  CRITICAL_EVENTS.has(event.event_type) || isSendingOff(event);

/**
 * Web Push `TTL` in seconds. The envelope's `metadata.ttl_seconds` already is the catalogue default unless the
 * source chose one (the MatchRoom fills it), so it wins; the catalogue covers an envelope without a usable value.
 */
export function ttlOf(event: PublishedEvent): number {
  const ttl = event.metadata.ttl_seconds;
  return Number.isInteger(ttl) && ttl >= 0 ? ttl : EVENT_CATALOGUE[event.event_type].ttl_seconds;
}
