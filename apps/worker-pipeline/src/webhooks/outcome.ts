// What one delivery attempt means, following the Standard Webhooks guidance on status codes.

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

/** First retry after ~5 s, then ×3 each time: 5 s, 15 s, 45 s … ~3 h at the 8th (wrangler.jsonc: max_retries 8). */
const BASE_DELAY_S = 5;
const FACTOR = 3;
/** Queues refuse a delay above 12 hours. */
export const MAX_DELAY_S = 12 * 60 * 60;

/** `attempts` is the queue's count for this message, 1 on the first delivery. */
export function outcomeOf(result: AttemptResult, attempts: number, now = Date.now(), random = Math.random): Outcome {
  if ("error" in result) return { kind: "retry", status: null, delaySeconds: backoffSeconds(attempts, random), reason: result.error };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 410) return { kind: "gone", status };
  if (status === 408 || status === 429 || status >= 500) {
    const waitAtLeast = retryAfterSeconds(result.retryAfter, now) ?? 0;
    const delaySeconds = Math.min(MAX_DELAY_S, Math.max(backoffSeconds(attempts, random), waitAtLeast));
    return { kind: "retry", status, delaySeconds, reason: `HTTP ${status}` };
  }
  // Redirects are not followed (the URL should be updated instead), and other 4xx say the request itself is refused.
  return { kind: "dead", status };
}

/** Exponential backoff with ±25 % jitter, so receivers that failed together are not retried together. */
export function backoffSeconds(attempts: number, random = Math.random): number {
  const base = BASE_DELAY_S * FACTOR ** Math.max(0, attempts - 1);
  return Math.min(MAX_DELAY_S, Math.max(1, Math.ceil(base * (0.75 + 0.5 * random()))));
}

/** `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(MAX_DELAY_S, Number(value));
  // Only a date with a day or month name: Date.parse alone would read "1.5" or "-5" as dates.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_DELAY_S, Math.max(0, Math.ceil((date - now) / 1000)));
}
