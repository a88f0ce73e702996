import { withDb } from "@buzz/db";
import { holdingFor } from "../outage/index.js";
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
      deliverBatch(batch, heldStore(holdingFor(env, ctx), sqlDeliveryStore(db)), {
        fetch: (input, init) => fetch(input, init),
      }),
    {
      maxConnections: 1,
    },
  );
}

function heldStore(held: ReturnType<typeof holdingFor>, store: DeliveryStore): DeliveryStore {
  return {
    targets: (keys) => held(() => store.targets(keys)),
    record: (attempts) => held(() => store.record(attempts)),
    remove: (ids) => held(() => store.remove(ids)),
  };
}
