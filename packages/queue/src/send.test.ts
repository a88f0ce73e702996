import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, planBatches, sendEach, sizeOf } from "./send.js";

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

describe("sendEach", () => {
  it("sends each list to its own queue in batches, at most `parallel` sendBatch calls at once over all queues", async () => {
    let open = 0;
    let most = 0;
    const queue = () => {
      const sent: unknown[][] = [];
      return {
        sent,
        async sendBatch(messages: Iterable<{ body: unknown }>) {
          most = Math.max(most, ++open);
          await new Promise((r) => setTimeout(r, 2));
          sent.push([...messages].map((m) => m.body));
          open--;
        },
      };
    };
    const queues = [queue(), queue(), queue()];
    const bodies = [Array.from({ length: 250 }, (_, i) => i), [], Array.from({ length: 120 }, (_, i) => -i)];
    await sendEach(queues, bodies, 3);
    expect(queues.map((q) => q.sent.map((b) => b.length))).toEqual([[100, 100, 50], [], [100, 20]]);
    expect(queues.map((q) => q.sent.flat())).toEqual(bodies);
    expect(most).toBe(3);
  });

  it("rejects when a send fails", async () => {
    const failing = { sendBatch: async () => Promise.reject(new Error("down")) };
    await expect(sendEach([{ sendBatch: async () => {} }, failing], [[1], [2]])).rejects.toThrow("down");
  });
});
