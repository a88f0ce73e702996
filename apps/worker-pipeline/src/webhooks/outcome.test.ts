import { MAX_QUEUE_DELAY_SECONDS } from "@buzz/queue";
import { describe, expect, it } from "vitest";
import { outcomeOf } from "./outcome.js";

const NOW = Date.parse("2018-07-15T15:38:12Z");

// Retry-After parsing and the backoff formula are @buzz/queue's (tested there); these are webhooks' choices.
describe("retry delays", () => {
  it("start at 15-30 s and double, and never ask the queue for more than its 12-hour maximum", () => {
    const [low, high] = [() => 0, () => 0.999999];
    expect([1, 2, 3, 4].map((n) => outcomeOf({ status: 503, retryAfter: null }, n, NOW, low))).toMatchObject(
      [15, 30, 60, 120].map((delaySeconds) => ({ delaySeconds })),
    );
    expect([1, 2, 3, 4].map((n) => outcomeOf({ status: 503, retryAfter: null }, n, NOW, high))).toMatchObject(
      [30, 60, 120, 240].map((delaySeconds) => ({ delaySeconds })),
    );
    expect(outcomeOf({ status: 503, retryAfter: "86400" }, 1, NOW)).toMatchObject({
      kind: "retry",
      delaySeconds: MAX_QUEUE_DELAY_SECONDS,
    });
    expect(outcomeOf({ status: 503, retryAfter: "999999999" }, 1, NOW)).toMatchObject({
      kind: "retry",
      delaySeconds: MAX_QUEUE_DELAY_SECONDS,
    });
  });

  it("wait at least Retry-After (a delay or an HTTP date), the backoff when it asks for less or is unreadable", () => {
    const half = () => 0.5;
    expect(outcomeOf({ status: 429, retryAfter: "1" }, 3, NOW, half)).toMatchObject({ delaySeconds: 90 });
    expect(
      outcomeOf({ status: 429, retryAfter: "Sun, 15 Jul 2018 15:48:12 GMT" }, 1, NOW, half),
    ).toMatchObject({ delaySeconds: 600 });
    expect(outcomeOf({ status: 500, retryAfter: "later" }, 2, NOW, half)).toMatchObject({ delaySeconds: 45 });
    expect(outcomeOf({ error: "TimeoutError: timed out" }, 1, NOW, half)).toEqual({
      kind: "retry",
      status: null,
      delaySeconds: 23,
      reason: "TimeoutError: timed out",
    });
  });
});
