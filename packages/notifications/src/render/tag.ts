import type { PublishedEvent } from "@buzz/schema";

/**
 * The notification tag, which is also what the Web Push Topic is derived from. Same tag = the phone replaces
 * the old notification, and the push service drops an undelivered older message with the same Topic:
 * - a goal, its amendment and its cancellation share `goal-<goal event_id>`, so the named scorer or the VAR
 *   decision replaces the provisional push instead of adding one;
 * - periods and the final whistle share `status-<match_id>`: only the latest match status matters;
 * - shoot-out kicks share `shootout-<match_id>`: each carries the running shoot-out score;
 * - every card or substitution is news of its own.
 */
export function tagOf(event: PublishedEvent): string {
  switch (event.event_type) {
    case "GOAL_SCORED":
      return `goal-${event.event_id}`;
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
      // causation_id is the goal's event_id (DESIGN: fusion); the schema still allows null, so never throw on it.
      return `goal-${event.metadata.causation_id ?? event.event_id}`;
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "MATCH_ENDED":
      return `status-${event.match_id}`;
    case "PENALTY_SHOOTOUT_KICK":
      return `shootout-${event.match_id}`;
    case "CARD_SHOWN":
      return `card-${event.event_id}`;
    case "SUBSTITUTION":
      return `sub-${event.event_id}`;
    case "SHOT":
      return `shot-${event.event_id}`;
  }
}
