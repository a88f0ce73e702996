// When to try a push again. Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff
// and Jitter"): a push service that fails for everyone at once is not hit again by every dispatcher at the same
// instant. Queues take whole seconds (`retry({ delaySeconds })`, 0 … 43 200).

/** First retry within 0–2 s, then 0–4 s, 0–8 s …: six retries (max_retries) span at most ~2 min, a goal's TTL is 5 min. */
export const BACKOFF_BASE_SECONDS = 2;
/** No single backoff step beyond 5 min, whatever max_retries becomes. */
export const BACKOFF_CAP_SECONDS = 300;
/**
 * A push service may ask for more with Retry-After, up to this: past 15 min the news is stale, and a hostile or
 * broken header ("Retry-After: 31536000") must not park a message for the queue's 12 h maximum.
 */
export const RETRY_AFTER_CAP_SECONDS = 900;

/**
 * Seconds before attempt `attempts + 1`, given the attempt that just failed (1 for the first delivery).
 * With a Retry-After, at least that long (capped), still spread by the jittered backoff when that is longer.
 */
export function retryDelaySeconds(attempts: number, retryAfter?: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts, 30) - 1);
  const ceiling = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** exponent);
  const jittered = Math.floor(random() * (ceiling + 1));
  if (retryAfter === undefined) return jittered;
  return Math.max(Math.min(retryAfter, RETRY_AFTER_CAP_SECONDS), jittered);
}

// RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete "Sunday, 06-Nov-94 08:49:37 GMT" and
// "Sun Nov  6 08:49:37 1994" that a recipient must still accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * RFC 9110 §10.2.3 Retry-After: delay-seconds or an HTTP-date, as whole seconds from `now` (never negative).
 * Anything else is ignored (undefined), so a malformed header falls back to plain backoff.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  let at = NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) at = Date.parse(text);
  // asctime() has no zone, and Date.parse would read it as local time: HTTP dates are always GMT.
  else if (ASCTIME.test(text)) at = Date.parse(`${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
