import type { Issue } from "@buzz/schema";

/** What lands on `match-events-dlq` for a message that broke the contract: enough to see why and replay it. */
export interface DeadLetter {
  reason: "invalid_event";
  queue: string;
  message_id: string;
  attempts: number;
  /** When the message was first enqueued. */
  enqueued_at: string;
  dead_lettered_at: string;
  issues: Issue[];
  body: unknown;
}

// A dead letter must fit in one queue message (128 KB): a badly broken body can produce hundreds of issues.
const MAX_ISSUES = 50;

export function deadLetterOf(queue: string, message: Message, issues: Issue[]): DeadLetter {
  return {
    reason: "invalid_event",
    queue,
    message_id: message.id,
    attempts: message.attempts,
    enqueued_at: message.timestamp.toISOString(),
    dead_lettered_at: new Date().toISOString(),
    issues: issues.slice(0, MAX_ISSUES),
    body: message.body,
  };
}
