import { APNS_ENVIRONMENTS, NATIVE_PUSH_PROVIDERS } from "@buzz/schema/contract";
import * as z from "zod";

/** Which push a notification is about: the key of its notification_log row. */
export const LogKeySchema = z.object({ event_id: z.uuid(), device_id: z.uuid() });
export type LogKey = z.output<typeof LogKeySchema>;

/** The decrypted payload of the contract (for native pushes: title and body shown, tag and data passed on). */
export const NotificationPayloadSchema = z.object({
  title: z.string(),
  body: z.string(),
  tag: z.string(),
  data: z.object({ event_id: z.string(), match_id: z.string(), sequence_number: z.int(), url: z.string() }),
  /** Text direction and language of title and body (Notification options `dir`, `lang`): Arabic is "rtl". */
  dir: z.enum(["ltr", "rtl"]).optional(),
  lang: z.string().optional(),
  /** A goal during the device's quiet hours (contract v1.1): shown without sound or vibration. */
  silent: z.literal(true).optional(),
});
export type NotificationPayload = z.output<typeof NotificationPayloadSchema>;

/**
 * One push for one device. It names the device, not where its push goes: dispatch reads the device's native token
 * or Web Push subscription as it sends. Route now sends NotificationGroups (notification-group.ts); this is what
 * dispatch unpacks each recipient into, what it dead-letters per device, and a shape still accepted on
 * `notifications` (what route sent before, in flight across a deploy).
 */
export const NotificationMessageSchema = LogKeySchema.extend({
  match_id: z.string(),
  payload: NotificationPayloadSchema,
  ttl: z.number(),
  urgency: z.enum(["very-low", "low", "normal", "high"]),
  /**
   * ≤ 32 URL-safe base64 characters; the same for a goal, its amendment and its cancellation: the Web Push
   * `Topic`, FCM's `collapse_key` and APNs' `apns-collapse-id`.
   */
  topic: z.string(),
  routed_at: z.string(),
});
export type NotificationMessage = z.output<typeof NotificationMessageSchema>;

/** Where a device's push goes, as dispatch's bookkeeping names it: a Web Push endpoint or a native token. */
export const ChannelRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("web"), endpoint: z.string() }),
  z.object({
    kind: z.literal("native"),
    provider: z.enum(NATIVE_PUSH_PROVIDERS),
    token: z.string(),
    environment: z.enum(APNS_ENVIRONMENTS).optional(),
  }),
]);
export type ChannelRef = z.output<typeof ChannelRefSchema>;

/** The new state of one notification_log row. */
export const LogUpdateSchema = LogKeySchema.extend({
  status: z.enum(["retrying", "delivered", "pruned", "dead", "superseded"]),
  /** Push requests made for it this time (0 when none was sent), added to `attempts`. */
  requests: z.int().min(0),
  last_status: z.int().nullable(),
  /** ISO time of the push service's 2xx, for `delivered`. */
  delivered_at: z.string().nullable(),
});
export type LogUpdate = z.output<typeof LogUpdateSchema>;

/** The net effect of a batch on one channel (its pushes ran one after another, so the order is known). */
export const ChannelUpdateSchema = z.object({
  channel: ChannelRefSchema,
  /** 404/410 or an unregistered token: delete it. */
  gone: z.boolean(),
  /** The last 2xx, which resets the failure count. */
  success_at: z.string().nullable(),
  /** Failed pushes after the last success (all of them when there was none). */
  failures: z.int().min(0),
});
export type ChannelUpdate = z.output<typeof ChannelUpdateSchema>;

/**
 * Also on `notifications`: an outcome dispatch could not write because Postgres was unreachable, for a push that
 * already had its effect (the push service took it, or said the subscription is gone). Retrying the notification
 * instead would send it again, a duplicate on the phone; so the outcome travels on the queue until it is written.
 */
export const OutcomeRecordSchema = z.object({
  kind: z.literal("dispatch_outcome"),
  log: LogUpdateSchema,
  channel: ChannelUpdateSchema.nullable(),
});
export type OutcomeRecord = z.output<typeof OutcomeRecordSchema>;
