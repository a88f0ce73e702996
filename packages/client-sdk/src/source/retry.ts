export interface RetryOptions {
  /** First backoff ceiling in ms (default 200); the ceiling doubles on each attempt. */
  baseMs?: number;
  /** Largest backoff ceiling in ms (default 10 000). */
  maxMs?: number;
}

export const DEFAULT_RETRY = { baseMs: 200, maxMs: 10_000 } as const;

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(maxMs, baseMs·2^attempt)).
 * Full jitter spreads the retries of many sources that lost the network at the same moment.
 */
export function backoffMs(
  attempt: number,
  { baseMs, maxMs }: Required<RetryOptions>,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Network failures, 5xx and 429 are worth another try; any other 4xx will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
