import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, planBatches, sizeOf } from "./send.js";

describe("planBatches", () => {
  it("cuts at 100 messages or 256 000 bytes, whichever comes first, keeping the order", () => {
    const small = Array.from({ length: 250 }, (_, i) => ({ i }));
    expect(planBatches(small, (b) => b).map((b) => b.length)).toEqual([100, 100, 50]);
    const big = Array.from({ length: 10 }, (_, i) => ({ i, pad: "é".repeat(30_000) })); // 60 KB of UTF-8 each
    const batches = planBatches(big, (b) => b);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(big);
    for (const b of batches)
      expect(b.reduce((n, m) => n + sizeOf(m), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it("sends a message too big for any batch alone, so only its own send fails", () => {
    const items = [{ a: 1 }, { huge: "x".repeat(300_000) }, { b: 2 }];
    expect(planBatches(items, (b) => b).map((b) => b.length)).toEqual([1, 1, 1]);
  });
});
