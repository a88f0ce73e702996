import { describe, expect, it } from "vitest";
import { backoffSeconds, MAX_DELAY_S, outcomeOf, retryAfterSeconds } from "./outcome.js";

const NOW = Date.parse("2018-07-15T15:38:12Z");

describe("retryAfterSeconds", () => {
  it("reads delay-seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(retryAfterSeconds("30", NOW)).toBe(30);
    expect(retryAfterSeconds(" 0 ", NOW)).toBe(0);
    expect(retryAfterSeconds("Sun, 15 Jul 2018 15:40:12 GMT", NOW)).toBe(120);
    expect(retryAfterSeconds("Sun, 15 Jul 2018 15:00:00 GMT", NOW)).toBe(0);
    for (const bad of [null, "", "soon", "-5", "1.5"]) expect(retryAfterSeconds(bad, NOW)).toBeUndefined();
  });

  it("never asks the queue for more than its 12-hour maximum delay", () => {
    expect(retryAfterSeconds("999999999", NOW)).toBe(MAX_DELAY_S);
    expect(outcomeOf({ status: 503, retryAfter: "86400" }, 1, NOW)).toMatchObject({ kind: "retry", delaySeconds: MAX_DELAY_S });
  });
});

describe("backoffSeconds", () => {
  it("is 5·3^(attempt−1) s within ±25 %, and capped", () => {
    const [low, high] = [() => 0, () => 0.999999];
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, low))).toEqual([4, 12, 34, 102]);
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, high))).toEqual([7, 19, 57, 169]);
    expect(backoffSeconds(30, high)).toBe(MAX_DELAY_S);
  });

  it("is what a retry waits when Retry-After asks for less, or is unreadable", () => {
    const half = () => 0.5;
    expect(outcomeOf({ status: 429, retryAfter: "1" }, 3, NOW, half)).toMatchObject({ delaySeconds: 45 });
    expect(outcomeOf({ status: 500, retryAfter: "later" }, 2, NOW, half)).toMatchObject({ delaySeconds: 15 });
    expect(outcomeOf({ error: "TimeoutError: timed out" }, 1, NOW, half)).toEqual({ kind: "retry", status: null, delaySeconds: 5, reason: "TimeoutError: timed out" });
  });
});
