import { withDb } from "@buzz/db";
import { deliverBatch } from "./deliver.js";
import { sqlDeliveryStore } from "./store.js";

export { fanOutWebhooks } from "./fanout.js";

/** The `webhook-deliveries` consumer (see deliver.ts). One db connection: the rest are for receivers. */
export async function deliverWebhooks(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  await withDb(
    env,
    ctx,
    (db) => deliverBatch(batch, sqlDeliveryStore(db), { fetch: (input, init) => fetch(input, init) }),
    {
      maxConnections: 1,
    },
  );
}
