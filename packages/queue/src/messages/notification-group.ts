import * as z from "zod";
import {
  LogKeySchema,
  type NotificationMessage,
  NotificationMessageSchema,
  type NotificationPayload,
  NotificationPayloadSchema,
} from "./notification.js";

/**
 * Recipients one `notifications` message may carry. The worst case (every payload variant of an event with
 * names at their longest, all escaped in JSON) stays far under the 128 KB message limit: route/render.test.ts.
 */
export const MAX_RECIPIENTS = 100;

/**
 * `notifications`: one event's push for many devices, so a goal for millions of fans is not millions of queue
 * messages (a queue passes ~5 000 a second). Each rendering (per language, and its silent variant) is carried
 * once; each recipient names the one it gets. Dispatch keeps the books per recipient: those to be retried go back
 * in a new message with `attempts` carried, so each device still has its own retry count and dead letter.
 */
export const NotificationGroupSchema = NotificationMessageSchema.omit({ device_id: true, payload: true })
  .extend({
    payloads: z.array(NotificationPayloadSchema).min(1).max(MAX_RECIPIENTS),
    recipients: z
      .array(z.object({ device_id: LogKeySchema.shape.device_id, payload: z.int().min(0) }))
      .min(1)
      .max(MAX_RECIPIENTS),
    /** Deliveries of these recipients in earlier messages: dispatch counts a recipient's attempts across them. */
    attempts: z.int().min(0).default(0),
    /**
     * The id of the message these recipients were first delivered in (absent there): a recipient sent back in a
     * new message claims its push under the same owner, so its later attempt takes back a claim an earlier one
     * left behind (the claim was written but its answer lost with the connection) instead of waiting it out.
     */
    lineage: z.string().min(1).max(200).optional(),
  })
  .refine((g) => g.recipients.every((r) => r.payload < g.payloads.length), {
    message: "a recipient names a payload the message does not carry",
    path: ["recipients"],
  });
export type NotificationGroup = z.output<typeof NotificationGroupSchema>;

/** True for a body shaped as a group (a `recipients` list), well-formed or not. */
export const isGroupShaped = (body: unknown): boolean =>
  typeof body === "object" && body !== null && Array.isArray((body as { recipients?: unknown }).recipients);

/** The one push each recipient gets. */
export function unpackGroup(group: NotificationGroup): NotificationMessage[] {
  const { payloads, recipients, attempts: _attempts, lineage: _lineage, ...rest } = group;
  return recipients.map((r) => ({ ...rest, device_id: r.device_id, payload: payloads[r.payload]! }));
}

/**
 * Packs one event's notifications into groups of at most `perMessage` recipients, in order; notifications of
 * different events never share a message. A payload is carried once per message however many recipients get it
 * (compared by content, each object serialised once). `carried`: what recipients sent back keep (dispatch).
 */
export function packNotifications(
  notifications: readonly NotificationMessage[],
  perMessage: number,
  carried: { attempts: number; lineage?: string } = { attempts: 0 },
): NotificationGroup[] {
  if (!Number.isInteger(perMessage) || perMessage < 1 || perMessage > MAX_RECIPIENTS)
    throw new RangeError(`perMessage must be an integer from 1 to ${MAX_RECIPIENTS}, not ${perMessage}`);
  const contentOf = new Map<NotificationPayload, string>();
  const keyOf = (p: NotificationPayload) => {
    let key = contentOf.get(p);
    if (key === undefined) contentOf.set(p, (key = JSON.stringify(p)));
    return key;
  };
  const groups: NotificationGroup[] = [];
  let current: { group: NotificationGroup; index: Map<string, number> } | undefined;
  for (const n of notifications) {
    if (!current || current.group.event_id !== n.event_id || current.group.recipients.length === perMessage) {
      const { device_id: _d, payload: _p, ...rest } = n;
      const group: NotificationGroup = { ...rest, payloads: [], recipients: [], attempts: carried.attempts };
      if (carried.lineage !== undefined) group.lineage = carried.lineage;
      current = { group, index: new Map() };
      groups.push(current.group);
    }
    const key = keyOf(n.payload);
    let payload = current.index.get(key);
    if (payload === undefined) {
      payload = current.group.payloads.push(n.payload) - 1;
      current.index.set(key, payload);
    }
    current.group.recipients.push({ device_id: n.device_id, payload });
  }
  return groups;
}
