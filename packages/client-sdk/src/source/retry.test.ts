import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "./retry.js";

describe("retry policy", () => {
  const policy = { baseMs: 200, maxMs: 10_000 };

  it("draws full jitter below a ceiling that doubles per attempt up to maxMs", () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 5, 6, 40].map((a) => backoffMs(a, policy, top))).toEqual([
      199, 399, 799, 6399, 9999, 9999,
    ]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2018-07-15T15:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Sun, 15 Jul 2018 15:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 15 Jul 2018 14:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("retries 429 and 5xx only", () => {
    expect([400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([
      429, 500, 502, 503,
    ]);
  });
});
