import type { Issue, QueueName } from "@buzz/schema/contract";
import * as z from "zod";

/**
 * What a consumer puts on its dead-letter queue for a message that retrying cannot fix: why, and the original
 * body, so a redrive sends back exactly what the source queue first carried. (After a consumer's last retry the
 * platform moves the original message there itself; the recorder takes both.)
 */
export const DeadLetterSchema = z.object({
  reason: z.string().min(1),
  queue: z.string(),
  message_id: z.string().min(1),
  attempts: z.int(),
  /** When the message was first enqueued. */
  enqueued_at: z.string(),
  dead_lettered_at: z.string(),
  issues: z
    .array(
      z.object({
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
        code: z.string().optional(),
      }),
    )
    .optional(),
  body: z.unknown(),
});
export type DeadLetter = z.output<typeof DeadLetterSchema>;

// A dead letter must fit in one queue message (128 KB): a badly broken body can produce hundreds of issues.
const MAX_ISSUES = 50;

/** The part of a queue Message a dead letter records. */
export interface Received {
  readonly id: string;
  readonly attempts: number;
  readonly timestamp: Date;
  readonly body: unknown;
}

export function deadLetterOf(
  queue: QueueName,
  message: Received,
  reason: string,
  issues?: Issue[],
): DeadLetter {
  return {
    reason,
    queue,
    message_id: message.id,
    attempts: message.attempts,
    enqueued_at: message.timestamp.toISOString(),
    dead_lettered_at: new Date().toISOString(),
    ...(issues?.length ? { issues: issues.slice(0, MAX_ISSUES) } : {}),
    body: message.body,
  };
}
