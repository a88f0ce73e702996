// The pipeline's queues as the gateway names them: each source queue and its dead-letter queue.

export const SOURCE_QUEUES = ["match-events", "match-events-enriched", "notifications", "webhook-deliveries"] as const;
export type SourceQueue = (typeof SOURCE_QUEUES)[number];

export const dlqOf = (queue: SourceQueue) => `${queue}-dlq` as const;

export function isSourceQueue(name: string): name is SourceQueue {
  return (SOURCE_QUEUES as readonly string[]).includes(name);
}
