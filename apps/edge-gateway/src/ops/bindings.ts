// The producer binding (wrangler.jsonc) that reaches each source queue: for a redrive, and for the backlog the
// queue itself reports.
import type { QueueName } from "@buzz/schema/contract";

const BINDINGS = {
  "match-events": "MATCH_EVENTS",
  "match-events-enriched": "ENRICHED",
  notifications: "NOTIFICATIONS",
  "webhook-deliveries": "WEBHOOK_DELIVERIES",
} as const satisfies Record<QueueName, keyof Env>;

export function producerOf(env: Env, queue: QueueName): Queue {
  return env[BINDINGS[queue]];
}

/**
 * Messages waiting in the queue, as the queue reports it (`Queue.metrics()`), or null where the runtime cannot
 * say: Postgres only learns of a message once a consumer has taken it, so it cannot count what waits.
 */
export async function backlogOf(env: Env, queue: QueueName): Promise<number | null> {
  try {
    const { backlogCount } = await producerOf(env, queue).metrics();
    return Number.isSafeInteger(backlogCount) ? backlogCount : null;
  } catch {
    return null;
  }
}
