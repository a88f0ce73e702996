import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, backoffSeconds, planBatches, retryWithBackoff, sizeOf } from "./queue.js";

describe("planBatches", () => {
  it("cuts at 100 messages or 256 000 bytes, whichever comes first, keeping the order", () => {
    const small = Array.from({ length: 250 }, (_, i) => ({ i }));
    expect(planBatches(small, (b) => b).map((b) => b.length)).toEqual([100, 100, 50]);
    const big = Array.from({ length: 10 }, (_, i) => ({ i, pad: "é".repeat(30_000) })); // 60 KB of UTF-8 each
    const batches = planBatches(big, (b) => b);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(big);
    for (const b of batches) expect(b.reduce((n, m) => n + sizeOf(m), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it("sends a message too big for any batch alone, so only its own send fails", () => {
    const items = [{ a: 1 }, { huge: "x".repeat(300_000) }, { b: 2 }];
    expect(planBatches(items, (b) => b).map((b) => b.length)).toEqual([1, 1, 1]);
  });
});

describe("backoffSeconds", () => {
  it("doubles per attempt up to 5 minutes, with jitter in the upper half", () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, () => 1))).toEqual([2, 4, 8, 16]);
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, () => 0))).toEqual([1, 2, 4, 8]);
    expect(backoffSeconds(12, () => 1)).toBe(300);
    expect(backoffSeconds(12, () => 0)).toBe(150);
  });
});

describe("retryWithBackoff", () => {
  it("gives every message of the batch the same delay, drawn for the most-tried one", () => {
    const retried: [string, number | undefined][] = [];
    const message = (id: string, attempts: number) =>
      ({ id, attempts, retry: (o?: { delaySeconds?: number }) => void retried.push([id, o?.delaySeconds]) }) as unknown as Message;
    let draws = 0;
    const random = () => (draws++, 0.5);
    retryWithBackoff([message("goal", 1), message("amended", 3), message("card", 2)], random);
    expect(draws).toBe(1);
    expect(retried).toEqual([["goal", 6], ["amended", 6], ["card", 6]]); // 2^3 = 8: half fixed, half drawn at 0.5
  });
});
