import { describe, expect, it } from "vitest";
import { selfTimes } from "./cdp.js";

describe("selfTimes", () => {
  it("adds each sample's time to the function it landed in, largest first", () => {
    const frame = (functionName: string, url = "", lineNumber = -1) => ({ functionName, url, lineNumber });
    const { total, rows } = selfTimes({
      nodes: [
        { id: 1, callFrame: frame("(idle)") },
        { id: 2, callFrame: frame("sendToAll", "file:///x/index.js", 41) },
        { id: 3, callFrame: frame("", "file:///x/index.js", 9) },
      ],
      samples: [2, 1, 2, 3, 2],
      timeDeltas: [100, 2_000, 300, 50, 600],
    });
    expect(total).toBeCloseTo(3.05);
    expect(rows).toEqual([
      ["(idle)", 2],
      ["sendToAll index.js:42", 1],
      ["(anonymous) index.js:10", 0.05],
    ]);
  });
});
