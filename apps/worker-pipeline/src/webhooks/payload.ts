import type { WebhookDeliveryMessage } from "../messages/index.js";

/**
 * What a receiver gets, in the Standard Webhooks payload shape:
 *
 *   { "type": "GOAL_SCORED",                      the event type, as in the catalogue
 *     "timestamp": "2018-07-15T15:38:12.450Z",    when it happened on the pitch (occurred_at)
 *     "data": { ...the published event... },      exactly the v1 envelope of GET /v1/matches/{id}/events
 *     "derived": { "expected_goals": 0.76, ... } } what enrichment added (absent fields do not apply)
 *
 * `data` is kept identical to the published event so a receiver can validate it with the contract's schema.
 */
export function webhookBody(message: WebhookDeliveryMessage): string {
  const { event, derived } = message;
  return JSON.stringify({ type: event.event_type, timestamp: event.occurred_at, data: event, derived });
}

/**
 * `webhook-id`: the same for every attempt at an event, so a receiver deduplicates on it. Derived from the
 * event, not the queue message: a re-enqueued delivery of the same event keeps the id.
 */
export function webhookMessageId(eventId: string): string {
  return `msg_${eventId}`;
}
