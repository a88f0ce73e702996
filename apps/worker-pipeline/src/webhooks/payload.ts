import type { WebhookDeliveryMessage } from "@buzz/queue";

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
  if ("alert" in message) {
    // An alert's change of state (GET /v1/ops/alerts), to the webhooks subscribed to "alert".
    const { change_id: _, ...alert } = message.alert;
    return JSON.stringify({ type: "alert", timestamp: alert.since, data: alert });
  }
  const { event, derived } = message;
  return JSON.stringify({ type: event.event_type, timestamp: event.occurred_at, data: event, derived });
}

/** What a delivery is of: the event's id, or the alert change's; a receiver sees it as the `webhook-id`. */
export const deliveryIdOf = (message: WebhookDeliveryMessage): string =>
  "alert" in message ? message.alert.change_id : message.event.event_id;

/**
 * `webhook-id`: the same for every attempt at an event, so a receiver deduplicates on it. Derived from the
 * event, not the queue message: a re-enqueued delivery of the same event keeps the id.
 */
export function webhookMessageId(eventId: string): string {
  return `msg_${eventId}`;
}
