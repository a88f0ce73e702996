// Producing to a queue within Cloudflare's limits.

/**
 * Queues limits: at most 100 messages and 256 KB per sendBatch, 128 KB per message, where a KB is 1 000 bytes
 * and each message also counts up to ~100 bytes of internal metadata
 * (https://developers.cloudflare.com/queues/platform/limits/). Bodies are sent as `json`, so what counts is
 * exactly the UTF-8 length of their JSON; the metadata allowance is rounded up to stay clear of "~".
 */
export const MAX_BATCH_MESSAGES = 100;
export const MAX_BATCH_BYTES = 256_000;
export const METADATA_BYTES = 128;

/** The part of a Queue binding a producer needs. */
export interface Producer {
  sendBatch(messages: Iterable<{ body: unknown; contentType?: "json" }>): Promise<unknown>;
}

const encoder = new TextEncoder();

/** What one message weighs against the batch limit. */
export const sizeOf = (body: unknown): number =>
  encoder.encode(JSON.stringify(body)).byteLength + METADATA_BYTES;

/**
 * Splits items into sendBatch-sized groups, in order. An item too big for any batch goes alone, so that only
 * its own send fails (and only its own messages are retried) rather than the batch it would have spoiled.
 */
export function planBatches<T>(items: readonly T[], bodyOf: (item: T) => unknown): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(bodyOf(item));
    if (current.length > 0 && (current.length === MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** One sendBatch of JSON bodies. */
export const sendBatch = (queue: Producer, bodies: readonly unknown[]) =>
  queue.sendBatch(bodies.map((body) => ({ body, contentType: "json" as const })));

/**
 * Sends every body, in sendBatch-sized groups, `parallel` at a time (a goal for 100 000 fans is 1 000 sendBatch
 * calls: one after another they would dominate routing), staying under the 6 simultaneous outgoing connections
 * a Worker invocation has, one of which holds Postgres. Rejects if any group fails.
 */
export const sendAll = (queue: Producer, bodies: readonly unknown[], parallel = 4): Promise<void> =>
  sendEach([queue], [bodies], parallel);

/** `bodies[k]` to `queues[k]`, as sendAll does for one queue, `parallel` sendBatch calls at a time over all of them. */
export async function sendEach(
  queues: readonly Producer[],
  bodies: readonly (readonly unknown[])[],
  parallel = 4,
): Promise<void> {
  const jobs = bodies.flatMap((each, k) =>
    planBatches(each, (b) => b).map((batch) => ({ queue: queues[k]!, batch })),
  );
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { queue, batch } = jobs[next++]!;
      await sendBatch(queue, batch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
}
