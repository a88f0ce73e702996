// When to try again: the one retry policy of the pipeline's consumers and the MatchRoom's outbox. Exponential
// backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): half the step is
// fixed, so a store that is down gets real rest, and half is drawn, so messages that failed together do not
// come back together.

export interface BackoffPolicy {
  /** The first step; each further attempt doubles it. */
  baseSeconds: number;
  /** No single step beyond this, however many attempts. */
  capSeconds: number;
  /**
   * A server may ask for more with Retry-After, up to this: a hostile or broken header ("Retry-After: 31536000")
   * must not park a message for the queue's 12 h maximum.
   */
  retryAfterCapSeconds: number;
}

/** Queues refuse a delay above 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;

/**
 * Consumers and dead-letter recording: 1-2 s, 2-4 s … up to 150-300 s a step; ten retries ride out 9 to 18
 * minutes of Postgres being away before the platform dead-letters a message. A push service's Retry-After is
 * honoured up to 15 min: past that a goal is stale news.
 */
export const QUEUE_BACKOFF: BackoffPolicy = { baseSeconds: 2, capSeconds: 300, retryAfterCapSeconds: 900 };

/** Seconds before attempt `attempt + 1`, given the attempt that just failed (1 for the first delivery). */
export function backoffSeconds(
  attempt: number,
  retryAfter?: number,
  policy: BackoffPolicy = QUEUE_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt, 30) - 1);
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** exponent);
  const drawn = Math.ceil(ceiling / 2 + (random() * ceiling) / 2);
  const delay =
    retryAfter === undefined ? drawn : Math.max(Math.min(retryAfter, policy.retryAfterCapSeconds), drawn);
  return Math.min(MAX_QUEUE_DELAY_SECONDS, delay);
}

/** The part of Message a retry needs (Workers' `Message`, and test fakes). */
export interface Retryable {
  readonly attempts: number;
  retry(options?: { delaySeconds?: number }): void;
}

/**
 * Retries these messages with ONE delay, drawn for the most-tried of them: messages retried together come back
 * together. A delay drawn per message would let a goal's GOAL_AMENDED, sent right after it, return before it
 * after an outage.
 */
export function retryTogether(
  messages: readonly Retryable[],
  policy: BackoffPolicy = QUEUE_BACKOFF,
  random: () => number = Math.random,
): void {
  if (messages.length === 0) return;
  const delaySeconds = backoffSeconds(
    Math.max(...messages.map((m) => m.attempts)),
    undefined,
    policy,
    random,
  );
  for (const m of messages) m.retry({ delaySeconds });
}
