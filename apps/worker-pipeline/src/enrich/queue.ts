// Producing to a queue within Cloudflare's limits, and retrying with backoff: shared by enrich and route.

/**
 * Queues limits: at most 100 messages and 256 KB per sendBatch, 128 KB per message, where a KB is 1 000 bytes
 * and each message also counts up to ~100 bytes of internal metadata
 * (https://developers.cloudflare.com/queues/platform/limits/). Bodies are sent as `json`, so what counts is
 * exactly the UTF-8 length of their JSON; the metadata allowance is rounded up to stay clear of "~".
 */
export const MAX_BATCH_MESSAGES = 100;
export const MAX_BATCH_BYTES = 256_000;
export const METADATA_BYTES = 128;

const encoder = new TextEncoder();

/** What one message weighs against the batch limit. */
export const sizeOf = (body: unknown): number => encoder.encode(JSON.stringify(body)).byteLength + METADATA_BYTES;

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

/**
 * Sends every body, in sendBatch-sized groups, `parallel` at a time (a goal for 100 000 fans is 1 000 sendBatch
 * calls: one after another they would dominate routing), staying under the 6 simultaneous outgoing connections
 * a Worker invocation has, one of which holds Postgres. Rejects if any group fails.
 */
export async function sendAll(queue: Queue, bodies: readonly unknown[], parallel = 4): Promise<void> {
  const batches = planBatches(bodies, (b) => b);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await queue.sendBatch(batch.map((body) => ({ body, contentType: "json" as const })));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
}

const MAX_BACKOFF_SECONDS = 300;

/**
 * Delay before a message's next try: 2^attempts seconds (2, 4, 8 … capped at 5 minutes), the upper half drawn
 * at random so that a whole batch retried at once does not come back at once. With max_retries 10 a message
 * rides out 14 to 18 minutes of Postgres being away before the platform dead-letters it.
 */
export function backoffSeconds(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(1, attempts));
  return Math.ceil(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Retries these messages with ONE delay, drawn for the most-tried of them: messages retried together come back
 * together. A delay drawn per message would let a goal's GOAL_AMENDED, sent right after it, return before it
 * after an outage.
 */
export function retryWithBackoff(messages: readonly Message[], random: () => number = Math.random): void {
  if (messages.length === 0) return;
  const delaySeconds = backoffSeconds(Math.max(...messages.map((m) => m.attempts)), random);
  for (const m of messages) m.retry({ delaySeconds });
}
