// What arrives on the `notifications` queue: route's NotificationMessage, and dispatch's own outcome records.
import type { NotificationMessage } from "../messages/index.js";
import type { LogKey, LogUpdate, SubscriptionUpdate } from "./store.js";

/**
 * An outcome dispatch could not write because Postgres was unreachable, for a push that already had its
 * effect (the push service took it, or said the subscription is gone). Retrying the notification instead
 * would send it again, a duplicate on the phone; so the outcome travels on the queue until it can be written.
 */
export interface OutcomeRecord {
  kind: "dispatch_outcome";
  log: LogUpdate;
  subscription: SubscriptionUpdate | null;
}

export type Parsed =
  | { kind: "notification"; body: NotificationMessage }
  | { kind: "outcome"; body: OutcomeRecord }
  /** Cannot be sent as it is; `key` when its log row can still be marked. */
  | { kind: "malformed"; reason: string; key?: LogKey };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseMessage(body: unknown): Parsed {
  if (!isObject(body)) return { kind: "malformed", reason: "not a JSON object" };
  if (body.kind === "dispatch_outcome") {
    const log = body.log;
    if (isObject(log) && typeof log.event_id === "string" && UUID.test(log.event_id) && typeof log.device_id === "string" && UUID.test(log.device_id)) {
      return { kind: "outcome", body: body as unknown as OutcomeRecord };
    }
    return { kind: "malformed", reason: "dispatch_outcome without a valid log key" };
  }
  if (typeof body.event_id !== "string" || !UUID.test(body.event_id) || typeof body.device_id !== "string" || !UUID.test(body.device_id)) {
    return { kind: "malformed", reason: "event_id and device_id must be UUIDs" };
  }
  const key = { event_id: body.event_id.toLowerCase(), device_id: body.device_id.toLowerCase() };
  // The rest is checked where it is used (buildPushRequest refuses a bad TTL, Urgency or Topic); these are what
  // it cannot check without throwing a TypeError.
  const payload = body.payload;
  if (!isObject(payload) || typeof payload.tag !== "string" || !isObject(payload.data) || !Number.isInteger(payload.data.sequence_number)) {
    return { kind: "malformed", reason: "payload must be an object with a tag and data.sequence_number", key };
  }
  if (typeof body.match_id !== "string") return { kind: "malformed", reason: "match_id is required", key };
  if (typeof body.ttl !== "number" || typeof body.urgency !== "string" || typeof body.topic !== "string" || typeof body.routed_at !== "string") {
    return { kind: "malformed", reason: "ttl, urgency, topic and routed_at are required", key };
  }
  return { kind: "notification", body: { ...(body as unknown as NotificationMessage), ...key } };
}

/**
 * What dispatch puts on notifications-dlq for a message retrying cannot fix: the recorder (src/dead-letters)
 * keeps the reason, marks the log row `dead`, and a redrive sends `body` back as it was.
 */
export interface DeadLetter {
  reason: string;
  queue: "notifications";
  message_id: string;
  attempts: number;
  enqueued_at: string;
  dead_lettered_at: string;
  body: unknown;
}

export function deadLetterOf(message: Message, reason: string): DeadLetter {
  return {
    reason,
    queue: "notifications",
    message_id: message.id,
    attempts: message.attempts,
    enqueued_at: message.timestamp.toISOString(),
    dead_lettered_at: new Date().toISOString(),
    body: message.body,
  };
}
