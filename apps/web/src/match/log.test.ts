import { describe, expect, it } from "vitest";
import { finalScript } from "../testing/fixtures.js";
import { contiguousUpTo, mergeEvents } from "./log.js";

describe("match log", () => {
  const events = finalScript().events;

  it("merges in sequence order, each sequence once", () => {
    const merged = mergeEvents([events[3]!, events[0]!], [events[1]!, events[0]!]);
    expect(merged.map((e) => e.sequence_number)).toEqual([1, 2, 4]);
  });

  it("knows where the first hole is", () => {
    expect(contiguousUpTo([])).toBe(0);
    expect(contiguousUpTo(events.slice(0, 4))).toBe(4);
    expect(contiguousUpTo([events[0]!, events[1]!, events[4]!])).toBe(2);
    expect(contiguousUpTo(events.slice(2))).toBe(0);
  });
});
