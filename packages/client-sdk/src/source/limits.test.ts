import { describe, expect, it } from "vitest";
import { DEFAULT_WAL_LIMITS, depthOf, overLimit } from "./limits.js";

const at = (s: number) => new Date(Date.UTC(2018, 6, 15, 15, 0, s)).toISOString();
const T0 = Date.parse(at(0));

describe("WAL depth and cap", () => {
  it("counts entries, events and bytes, and ages from the oldest entry", () => {
    const depth = depthOf(
      [
        { events: 1, bytes: 300, at: at(5) },
        { events: 40, bytes: 9_000, at: at(2) },
      ],
      T0 + 10_000,
    );
    expect(depth).toEqual({ entries: 2, events: 41, bytes: 9_300, oldestAt: at(2), ageMs: 8_000 });
    expect(depthOf([], T0)).toEqual({ entries: 0, events: 0, bytes: 0, oldestAt: null, ageMs: 0 });
  });

  it("admits up to each limit and refuses past it, naming the limit", () => {
    const limits = { maxEvents: 10, maxBytes: 1_000 };
    const depth = depthOf([{ events: 8, bytes: 600, at: at(0) }], T0);
    expect(overLimit(depth, { events: 2, bytes: 400, at: at(1) }, limits)).toBeNull();
    expect(overLimit(depth, { events: 3, bytes: 10, at: at(1) }, limits)).toMatch(/maxEvents 10/);
    expect(overLimit(depth, { events: 1, bytes: 401, at: at(1) }, limits)).toMatch(/maxBytes 1000/);
  });

  it("takes any one entry into an empty WAL, so a batch larger than the cap is never stuck", () => {
    const empty = depthOf([], T0);
    expect(
      overLimit(empty, { events: 500, bytes: 10_000, at: at(0) }, { maxEvents: 1, maxBytes: 1 }),
    ).toBeNull();
  });

  it("defaults to 50 000 events and 64 MiB", () => {
    expect(DEFAULT_WAL_LIMITS).toEqual({ maxEvents: 50_000, maxBytes: 64 * 1024 * 1024 });
  });
});
