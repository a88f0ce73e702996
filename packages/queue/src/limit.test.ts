import { describe, expect, it } from "vitest";
import { mapLimit } from "./limit.js";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("mapLimit", () => {
  it("never runs more than `limit` tasks at once, keeps every slot busy, and keeps results in order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit(
      Array.from({ length: 40 }, (_, i) => i),
      6,
      async (i) => {
        peak = Math.max(peak, ++running);
        for (let t = 0; t < (i % 5) + 1; t++) await tick();
        running--;
        return i * 2;
      },
    );
    expect(peak).toBe(6);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });

  it("finishes every task before rethrowing the first error", async () => {
    const done: number[] = [];
    const run = mapLimit([1, 2, 3, 4], 2, async (i) => {
      await tick();
      if (i === 2) throw new Error("two");
      done.push(i);
    });
    await expect(run).rejects.toThrow("two");
    expect(done.sort()).toEqual([1, 3, 4]);
  });

  it("handles no items and refuses a limit below 1", async () => {
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
    await expect(mapLimit([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
