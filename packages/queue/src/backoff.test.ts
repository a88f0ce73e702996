import { describe, expect, it } from "vitest";
import { backoffSeconds, MAX_QUEUE_DELAY_SECONDS, QUEUE_BACKOFF, retryTogether } from "./backoff.js";

const lowest = () => 0;
const highest = () => 1;

describe("backoffSeconds", () => {
  it("doubles per attempt, half of each step fixed and half drawn, in whole seconds", () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, undefined, QUEUE_BACKOFF, highest))).toEqual([
      2, 4, 8, 16,
    ]);
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, undefined, QUEUE_BACKOFF, lowest))).toEqual([
      1, 2, 4, 8,
    ]);
    const seen = new Set(Array.from({ length: 2000 }, () => backoffSeconds(4)));
    expect([...seen].every((d) => Number.isInteger(d) && d >= 8 && d <= 16)).toBe(true);
    expect(seen.size).toBe(8); // every whole second of (8, 16] comes up: the spread is real
  });

  it("never waits longer than the cap per step, however many attempts", () => {
    expect(backoffSeconds(12, undefined, QUEUE_BACKOFF, highest)).toBe(300);
    expect(backoffSeconds(12, undefined, QUEUE_BACKOFF, lowest)).toBe(150);
    expect(backoffSeconds(10_000, undefined, QUEUE_BACKOFF, highest)).toBe(300);
  });

  it("waits at least Retry-After, longer only when the backoff is longer, and caps it", () => {
    expect(backoffSeconds(1, 30, QUEUE_BACKOFF, highest)).toBe(30);
    expect(backoffSeconds(6, 5, QUEUE_BACKOFF, highest)).toBe(64);
    expect(backoffSeconds(1, 86_400, QUEUE_BACKOFF, lowest)).toBe(QUEUE_BACKOFF.retryAfterCapSeconds);
  });

  it("follows the policy it is given, within what Queues accept", () => {
    const outbox = { baseSeconds: 1, capSeconds: 60, retryAfterCapSeconds: 60 };
    expect([1, 2, 3, 7, 8].map((a) => backoffSeconds(a, undefined, outbox, highest))).toEqual([
      1, 2, 4, 60, 60,
    ]);
    const patient = { baseSeconds: 3_600, capSeconds: 86_400, retryAfterCapSeconds: 86_400 };
    expect(backoffSeconds(6, undefined, patient, highest)).toBe(MAX_QUEUE_DELAY_SECONDS);
  });
});

describe("retryTogether", () => {
  it("gives every message the same delay, drawn once for the most-tried one", () => {
    const retried: [string, number | undefined][] = [];
    const message = (id: string, attempts: number) => ({
      attempts,
      retry: (o?: { delaySeconds?: number }) => void retried.push([id, o?.delaySeconds]),
    });
    let draws = 0;
    const random = () => (draws++, 0.5);
    retryTogether([message("goal", 1), message("amended", 3), message("card", 2)], QUEUE_BACKOFF, random);
    expect(draws).toBe(1);
    expect(retried).toEqual([
      ["goal", 6],
      ["amended", 6],
      ["card", 6],
    ]); // attempt 3: 8 s, half fixed, half drawn at 0.5
  });
});
