import type { Issue } from "@buzz/schema";
import { DEAD_LETTER_QUEUES, QUEUES } from "../messages/index.js";

export type DeadLetterQueue = (typeof DEAD_LETTER_QUEUES)[number];
export type SourceQueue = (typeof QUEUES)[keyof typeof QUEUES];

const SOURCE_QUEUES = Object.values(QUEUES) as SourceQueue[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one dead-letter message becomes: a `dead_letters` row, and the per-recipient log row it settles. */
export interface Letter {
  queue: DeadLetterQueue;
  sourceQueue: SourceQueue;
  messageId: string;
  body: string;
  reason: string | null;
  issues: Issue[] | null;
  attempts: number | null;
  eventId: string | null;
  enqueuedAt: Date | null;
  /** notification_log row to mark `dead` (notifications-dlq). */
  notification?: { eventId: string; deviceId: string };
  /** webhook_deliveries row to mark `dead` (webhook-deliveries-dlq). */
  webhookDelivery?: { webhookId: string; eventId: string };
}

export function isDeadLetterQueue(queue: string): queue is DeadLetterQueue {
  return (DEAD_LETTER_QUEUES as readonly string[]).includes(queue);
}

/**
 * Reads a message off a dead-letter queue. Two shapes arrive there: a consumer's own letter for a message that
 * retrying cannot fix (src/consume/dead-letter.ts: reason, source queue and id, issues, the original body), and
 * the original message itself, moved by the platform after the source consumer's last retry. Either way the
 * row keeps the original body, so a redrive sends exactly what the source queue first carried.
 */
export function letterOf(queue: DeadLetterQueue, message: Pick<Message, "id" | "timestamp" | "body">): Letter {
  const fromQueue = queue.slice(0, -"-dlq".length) as SourceQueue;
  const wrapped = consumerLetter(message.body);
  const body = wrapped ? wrapped.body : message.body;
  const letter: Letter = {
    queue,
    sourceQueue: wrapped && SOURCE_QUEUES.includes(wrapped.queue as SourceQueue) ? (wrapped.queue as SourceQueue) : fromQueue,
    messageId: wrapped?.message_id ?? message.id,
    body: JSON.stringify(body) ?? "null",
    reason: wrapped?.reason ?? null,
    issues: wrapped && Array.isArray(wrapped.issues) ? (wrapped.issues as Issue[]) : null,
    attempts: wrapped && Number.isSafeInteger(wrapped.attempts) ? (wrapped.attempts as number) : null,
    // Top level: match-events, notifications; under `event`: enriched, webhook deliveries; under `log`: an
    // outcome record dispatch carries on the notifications queue.
    eventId: uuid(field(body, "event_id")) ?? uuid(field(field(body, "event"), "event_id")) ?? uuid(field(field(body, "log"), "event_id")),
    enqueuedAt: validDate(wrapped?.enqueued_at) ?? validDate(message.timestamp),
  };
  if (letter.sourceQueue === QUEUES.notifications) {
    const deviceId = uuid(field(body, "device_id"));
    if (letter.eventId && deviceId) letter.notification = { eventId: letter.eventId, deviceId };
  }
  if (letter.sourceQueue === QUEUES.webhookDeliveries) {
    const webhookId = uuid(field(body, "webhook_id"));
    if (letter.eventId && webhookId) letter.webhookDelivery = { webhookId, eventId: letter.eventId };
  }
  return letter;
}

interface ConsumerLetter {
  reason: string;
  queue: string;
  message_id: string;
  body: unknown;
  attempts?: unknown;
  issues?: unknown;
  enqueued_at?: unknown;
}

function consumerLetter(body: unknown): ConsumerLetter | undefined {
  if (!body || typeof body !== "object" || !("body" in body)) return undefined;
  const b = body as Record<string, unknown>;
  const ok = typeof b.reason === "string" && typeof b.queue === "string" && typeof b.message_id === "string" && b.message_id !== "";
  return ok ? (b as unknown as ConsumerLetter) : undefined;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

/** Only a well-formed uuid reaches a uuid column: a malformed one would fail the insert on every retry. */
function uuid(value: unknown): string | null {
  return typeof value === "string" && UUID.test(value) ? value.toLowerCase() : null;
}

function validDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
