import { withDb } from "@buzz/db";
import { holdingThroughOutage } from "../outage/index.js";
import { deliverBatch } from "./deliver.js";
import { type DeliveryStore, sqlDeliveryStore } from "./store.js";

export { fanOutWebhooks } from "./fanout.js";

/**
 * The `webhook-deliveries` consumer (see deliver.ts). One db connection: the rest are for receivers. Each store
 * step waits in the invocation for an unreachable Postgres (src/outage), so an outcome of a request already made is
 * written when Postgres answers again rather than the request being made again after the queue's retry delay.
 * Running a step again is safe: the reads change nothing, removing a webhook twice removes it once, and an
 * attempt recorded twice leaves a delivered row as it was and counts a failed attempt twice.
 */
export async function deliverWebhooks(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  await withDb(
    env,
    ctx,
    (db) =>
      deliverBatch(batch, held(env, ctx, sqlDeliveryStore(db)), {
        fetch: (input, init) => fetch(input, init),
      }),
    {
      maxConnections: 1,
    },
  );
}

function held(env: Env, ctx: ExecutionContext, store: DeliveryStore): DeliveryStore {
  return {
    targets: (keys) => holdingThroughOutage(env, ctx, () => store.targets(keys)),
    record: (attempts) => holdingThroughOutage(env, ctx, () => store.record(attempts)),
    remove: (ids) => holdingThroughOutage(env, ctx, () => store.remove(ids)),
  };
}
