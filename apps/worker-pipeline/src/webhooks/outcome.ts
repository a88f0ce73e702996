// What one delivery attempt means, following the Standard Webhooks guidance on status codes.
import { type BackoffPolicy, backoffSeconds, MAX_QUEUE_DELAY_SECONDS, parseRetryAfter } from "@buzz/queue";

export type Outcome =
  | { kind: "delivered"; status: number }
  /** Worth trying again later: 408, 429, 5xx, a timeout or a network error. */
  | { kind: "retry"; status: number | null; delaySeconds: number; reason: string }
  /** Retrying cannot help (3xx, 4xx other than 408/410/429): the delivery is dead now. */
  | { kind: "dead"; status: number }
  /** 410 Gone: the receiver no longer wants this webhook at all. */
  | { kind: "gone"; status: 410 };

/** What came back from the receiver: a response, or the error fetch threw. */
export type AttemptResult = { status: number; retryAfter: string | null } | { error: string };

/**
 * Receivers are other companies' servers, down for longer than our own stores: 15-30 s, then doubling; the
 * eighth retry (wrangler.jsonc: max_retries 8) comes 1 to 2 hours after the first failure. A receiver's
 * Retry-After is honoured up to the 12 h Queues allow.
 */
export const WEBHOOK_BACKOFF: BackoffPolicy = {
  baseSeconds: 30,
  capSeconds: MAX_QUEUE_DELAY_SECONDS,
  retryAfterCapSeconds: MAX_QUEUE_DELAY_SECONDS,
};

/** `attempts` is the queue's count for this message, 1 on the first delivery. */
export function outcomeOf(
  result: AttemptResult,
  attempts: number,
  now = Date.now(),
  random = Math.random,
): Outcome {
  if ("error" in result)
    return {
      kind: "retry",
      status: null,
      delaySeconds: backoffSeconds(attempts, undefined, WEBHOOK_BACKOFF, random),
      reason: result.error,
    };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 410) return { kind: "gone", status };
  if (status === 408 || status === 429 || status >= 500) {
    const delaySeconds = backoffSeconds(
      attempts,
      parseRetryAfter(result.retryAfter, now),
      WEBHOOK_BACKOFF,
      random,
    );
    return { kind: "retry", status, delaySeconds, reason: `HTTP ${status}` };
  }
  // Redirects are not followed (the URL should be updated instead), and other 4xx say the request itself is refused.
  return { kind: "dead", status };
}
