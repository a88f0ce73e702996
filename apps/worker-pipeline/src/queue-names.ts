import { canonicalQueueName } from "@buzz/schema/contract";

/**
 * The batch as the consumers expect it: `queue` is the contract's name ("notifications"), not the deployed one
 * ("buzz-staging-notifications", or its lane "buzz-staging-notifications-3"), so the stage table, the dead-letter check and the records in Postgres are the
 * same in every environment. Acks and retries still reach the platform's batch.
 */
export function canonicalBatch(batch: MessageBatch, prefix?: string): MessageBatch {
  const queue = canonicalQueueName(batch.queue, prefix);
  if (queue === batch.queue) return batch;
  return {
    queue,
    messages: batch.messages,
    metadata: batch.metadata,
    ackAll: () => batch.ackAll(),
    retryAll: (options) => batch.retryAll(options),
  };
}
