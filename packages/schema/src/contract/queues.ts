// The pipeline's queues, as both wrangler.jsonc bind them; a consumer's `batch.queue` is one of these.
// match-events (each MatchRoom's outbox) → enrich → match-events-enriched → route → notifications → dispatch
//                                                                               └→ webhook-deliveries → webhooks

export const QUEUES = {
  matchEvents: "match-events",
  enriched: "match-events-enriched",
  notifications: "notifications",
  webhookDeliveries: "webhook-deliveries",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const SOURCE_QUEUES = Object.values(QUEUES) as QueueName[];

/** Every source queue ends in its own dead-letter queue, named after it. */
export type DeadLetterQueueName = `${QueueName}-dlq`;
export const deadLetterQueueOf = <Q extends QueueName>(queue: Q): `${Q}-dlq` => `${queue}-dlq`;
export const DEAD_LETTER_QUEUES = SOURCE_QUEUES.map(deadLetterQueueOf);

export const isSourceQueue = (name: string): name is QueueName => (SOURCE_QUEUES as string[]).includes(name);
export const isDeadLetterQueue = (name: string): name is DeadLetterQueueName =>
  (DEAD_LETTER_QUEUES as string[]).includes(name);

/** A source queue or its dead-letter queue ("notifications" or "notifications-dlq") → the source queue; else null. */
export function sourceQueueOf(name: string): QueueName | null {
  const base = name.endsWith("-dlq") ? name.slice(0, -"-dlq".length) : name;
  return isSourceQueue(base) ? base : null;
}

/** A dead letter is `dead` until ops redrive it to its source queue. */
export const DEAD_LETTER_STATES = ["dead", "redriven"] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

/**
 * A deployed environment prefixes every queue's name (the pipeline's QUEUE_PREFIX, e.g. "buzz-staging-"), so two
 * environments can share an account, and `notifications` is several lanes ("notifications-1", …: packages/queue
 * lanes.ts) that all dead-letter to notifications-dlq; the code and the dead-letter records speak the names above.
 * Returns `name` without the prefix (unchanged when it does not carry it: local development and tests have none)
 * and a lane's name as `notifications`.
 */
export function canonicalQueueName(name: string, prefix = ""): string {
  const bare = prefix !== "" && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return /^notifications-[1-9][0-9]*$/.test(bare) ? QUEUES.notifications : bare;
}
