import type { PublishedEvent } from "@buzz/schema/contract";

/**
 * The notification tag, which is also what the Web Push Topic is derived from. Same tag = the phone replaces
 * the old notification, and the push service drops an undelivered older message with the same Topic:
 * - a goal, its amendment and its cancellation share `goal-<goal event_id>`, so the named scorer or the VAR
 *   decision replaces the provisional push instead of adding one;
 * - periods and the final whistle share `status-<match_id>`: only the latest match status matters;
 * - shoot-out kicks share `shootout-<match_id>`: each carries the running shoot-out score;
 * - a VAR review's start and its decision share `var-<review event_id>`: the decision replaces "under review";
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
    case "VAR_REVIEW_STARTED":
      return `var-${event.event_id}`;
    case "VAR_REVIEW_ENDED":
      return `var-${event.metadata.causation_id ?? event.event_id}`;
    // Never pushed; a tag all the same, since every event has one.
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return `stat-${event.event_id}`;
  }
}
