// The producer binding (wrangler.jsonc) that reaches each source queue: for a redrive, and for the backlog the
// queue itself reports.
import { laneFor, notificationLanes } from "@buzz/queue";
import type { QueueName } from "@buzz/schema/contract";

const BINDINGS = {
  "match-events": "MATCH_EVENTS",
  "match-events-enriched": "ENRICHED",
  notifications: "NOTIFICATIONS",
  "webhook-deliveries": "WEBHOOK_DELIVERIES",
} as const satisfies Record<QueueName, keyof Env>;

/** Every queue that is `queue`: its lanes for notifications (@buzz/queue lanes.ts), else the one. */
function producersOf(env: Env, queue: QueueName): Queue[] {
  return queue === "notifications" ? notificationLanes(env) : [env[BINDINGS[queue]]];
}

/** Where `body` goes back to on `queue`: for notifications, its device's lane. */
export function producerFor(env: Env, queue: QueueName, body: unknown): Queue {
  return laneFor(producersOf(env, queue), body);
}

/**
 * Messages waiting in the queue (in all its lanes), as the queue reports it (`Queue.metrics()`), or null where the
 * runtime cannot say: Postgres only learns of a message once a consumer has taken it, so it cannot count what waits.
 */
export async function backlogOf(env: Env, queue: QueueName): Promise<number | null> {
  try {
    const counts = await Promise.all(
      producersOf(env, queue).map(async (q) => (await q.metrics()).backlogCount),
    );
    return counts.every(Number.isSafeInteger) ? counts.reduce((a, b) => a + b, 0) : null;
  } catch {
    return null;
  }
}
