import { DeadLetterSchema } from "@buzz/queue";
import {
  type DeadLetterQueueName,
  type Issue,
  isSourceQueue,
  isUuid,
  QUEUES,
  type QueueName,
  sourceQueueOf,
} from "@buzz/schema/contract";

/** What one dead-letter message becomes: a `dead_letters` row, and the per-recipient log row it settles. */
export interface Letter {
  queue: DeadLetterQueueName;
  sourceQueue: QueueName;
  messageId: string;
  body: string;
  reason: string | null;
  issues: Issue[] | null;
  attempts: number | null;
  eventId: string | null;
  enqueuedAt: Date | null;
  /** notification_log rows to mark `dead` (notifications-dlq): the message's device, or each of a group's. */
  notifications?: { eventId: string; deviceId: string }[];
  /** webhook_deliveries row to mark `dead` (webhook-deliveries-dlq). */
  webhookDelivery?: { webhookId: string; eventId: string };
}

/**
 * Reads a message off a dead-letter queue. Two shapes arrive there: a consumer's own letter for a message that
 * retrying cannot fix (@buzz/queue's DeadLetter: reason, source queue and id, issues, the original body), and
 * the original message itself, moved by the platform after the source consumer's last retry. Either way the
 * row keeps the original body, so a redrive sends exactly what the source queue first carried.
 */
export function letterOf(
  queue: DeadLetterQueueName,
  message: Pick<Message, "id" | "timestamp" | "body">,
): Letter {
  const fromQueue = sourceQueueOf(queue) as QueueName;
  const parsed = DeadLetterSchema.safeParse(message.body);
  const wrapped = parsed.success ? parsed.data : undefined;
  const body = wrapped ? wrapped.body : message.body;
  const letter: Letter = {
    queue,
    sourceQueue: wrapped && isSourceQueue(wrapped.queue) ? wrapped.queue : fromQueue,
    messageId: wrapped?.message_id ?? message.id,
    body: JSON.stringify(body) ?? "null",
    reason: wrapped?.reason ?? null,
    issues: wrapped?.issues ?? null,
    attempts: wrapped?.attempts ?? null,
    // Top level: match-events, notifications; under `event`: enriched, webhook deliveries; under `log`: an
    // outcome record dispatch carries on the notifications queue.
    eventId:
      uuid(field(body, "event_id")) ??
      uuid(field(field(body, "event"), "event_id")) ??
      uuid(field(field(body, "log"), "event_id")),
    enqueuedAt: validDate(wrapped?.enqueued_at) ?? validDate(message.timestamp),
  };
  if (letter.sourceQueue === QUEUES.notifications && letter.eventId) {
    const recipients = field(body, "recipients");
    const deviceIds = (
      Array.isArray(recipients) ? recipients.map((r) => field(r, "device_id")) : [field(body, "device_id")]
    )
      .map(uuid)
      .filter((id) => id !== null);
    const eventId = letter.eventId;
    if (deviceIds.length > 0) letter.notifications = deviceIds.map((deviceId) => ({ eventId, deviceId }));
  }
  if (letter.sourceQueue === QUEUES.webhookDeliveries) {
    const webhookId = uuid(field(body, "webhook_id"));
    if (letter.eventId && webhookId) letter.webhookDelivery = { webhookId, eventId: letter.eventId };
  }
  return letter;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

/** Only a well-formed uuid reaches a uuid column: a malformed one would fail the insert on every retry. */
function uuid(value: unknown): string | null {
  return isUuid(value) ? value.toLowerCase() : null;
}

function validDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
