import { ALERT_RULES } from "@buzz/schema/contract";
import { PublishedEventSchema } from "@buzz/schema/validate";
import * as z from "zod";
import { DerivedSchema } from "./enriched.js";

const RULES = Object.keys(ALERT_RULES) as [keyof typeof ALERT_RULES, ...(keyof typeof ALERT_RULES)[]];

/** An alert's change of state (GET /v1/ops/alerts), with the id of this change: receivers deduplicate on it. */
export const AlertChangeSchema = z.object({
  change_id: z.uuid(),
  id: z.string(),
  rule: z.enum(RULES),
  state: z.enum(["firing", "resolved"]),
  since: z.string(),
  value: z.number(),
  threshold: z.number(),
});
export type AlertChange = z.output<typeof AlertChangeSchema>;

/** `webhook-deliveries`: one event, or one alert change, for one registered webhook. */
export const WebhookDeliveryMessageSchema = z.union([
  z.object({ webhook_id: z.uuid(), event: PublishedEventSchema, derived: DerivedSchema }),
  z.object({ webhook_id: z.uuid(), alert: AlertChangeSchema }),
]);
export type WebhookDeliveryMessage = z.output<typeof WebhookDeliveryMessageSchema>;
export type WebhookEventDelivery = Extract<WebhookDeliveryMessage, { event: unknown }>;
