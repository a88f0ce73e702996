import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, RETRY_AFTER_CAP_SECONDS, parseRetryAfter, retryDelaySeconds } from "./backoff.js";

const lowest = () => 0;
const highest = () => 0.999_999;

describe("retryDelaySeconds", () => {
  it("draws from [0, base·2^(attempt-1)] (full jitter), in whole seconds", () => {
    for (const attempts of [1, 2, 3, 4, 5, 6]) {
      const ceiling = BACKOFF_BASE_SECONDS * 2 ** (attempts - 1);
      expect(retryDelaySeconds(attempts, undefined, lowest)).toBe(0);
      expect(retryDelaySeconds(attempts, undefined, highest)).toBe(ceiling);
      expect(retryDelaySeconds(attempts, undefined, () => 0.5)).toBe(Math.floor(0.5 * (ceiling + 1)));
    }
    const seen = new Set(Array.from({ length: 2000 }, () => retryDelaySeconds(3)));
    expect([...seen].every((d) => Number.isInteger(d) && d >= 0 && d <= 8)).toBe(true);
    expect(seen.size).toBe(9); // every whole second of [0, 8] comes up: the spread is real
  });

  it("never waits longer than the cap per step, however many attempts", () => {
    expect(retryDelaySeconds(9, undefined, highest)).toBe(BACKOFF_CAP_SECONDS);
    expect(retryDelaySeconds(1000, undefined, highest)).toBe(BACKOFF_CAP_SECONDS);
  });

  it("waits at least Retry-After, longer only when the jittered backoff is longer, and caps it", () => {
    expect(retryDelaySeconds(1, 30, highest)).toBe(30);
    expect(retryDelaySeconds(1, 0, lowest)).toBe(0);
    expect(retryDelaySeconds(6, 5, highest)).toBe(64);
    expect(retryDelaySeconds(1, 86_400, lowest)).toBe(RETRY_AFTER_CAP_SECONDS);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP-date in all three RFC 9110 forms, as seconds from now", () => {
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Monday, 01-Jun-26 12:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("Mon Jun  1 12:00:05 2026", now)).toBe(5);
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:00 GMT", now + 400)).toBe(0);
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:01 GMT", now + 400)).toBe(1); // rounded up, never early
  });

  it("is 0 for a date in the past and ignores what is neither", () => {
    expect(parseRetryAfter("Sun, 31 May 2026 12:00:00 GMT", now)).toBe(0);
    for (const bad of [null, "", "-5", "1.5", "soon", "2026-06-01", "12:00", "0x10"]) expect(parseRetryAfter(bad, now), String(bad)).toBeUndefined();
  });
});
