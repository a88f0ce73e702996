import { isDeadLetterQueue, QUEUES } from "@buzz/schema/contract";
import { recordDeadLetters } from "./dead-letters/index.js";
import { dispatch } from "./dispatch/index.js";
import { enrich } from "./enrich/index.js";
import { canonicalBatch } from "./queue-names.js";
import { purgeOnSchedule } from "./retention/index.js";
import { route } from "./route/index.js";
import { deliverWebhooks } from "./webhooks/index.js";

type Consumer = (batch: MessageBatch, env: Env, ctx: ExecutionContext) => Promise<void>;

/** One Worker consumes every queue of the pipeline; `batch.queue` says which stage a batch belongs to. */
const CONSUMERS: Record<string, Consumer> = {
  [QUEUES.matchEvents]: enrich,
  [QUEUES.enriched]: route,
  [QUEUES.notifications]: dispatch,
  [QUEUES.webhookDeliveries]: deliverWebhooks,
};

export default {
  async queue(platformBatch, env, ctx) {
    const batch = canonicalBatch(platformBatch, env.QUEUE_PREFIX);
    if (isDeadLetterQueue(batch.queue)) return recordDeadLetters(batch, env, ctx);
    const consume = CONSUMERS[batch.queue];
    // A queue bound in wrangler.jsonc without a consumer here is a deployment mistake: throwing retries the batch
    // (and, past max_retries, dead-letters it) instead of acking events nobody handled.
    if (!consume) throw new Error(`no consumer for queue ${batch.queue}`);
    return consume(batch, env, ctx);
  },
  // The one Cron Trigger (wrangler.jsonc `triggers`): the notification log's purge.
  async scheduled(controller, env, ctx) {
    await purgeOnSchedule(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;
