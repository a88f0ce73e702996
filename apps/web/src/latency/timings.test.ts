import type { EventTimings } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { finalScript } from "../testing/fixtures.js";
import { hopMs, hopStats, overBudget, percentile, rowOf } from "./timings.js";

describe("latency timings", () => {
  it("takes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        50,
      ),
    ).toBe(50);
  });

  it("measures each hop from the one before, and the browser from the sequencer", () => {
    const [first] = finalScript().events;
    const t0 = Date.parse(first!.published_at);
    const pipeline: EventTimings = {
      event_id: first!.event_id,
      sequence_number: 1,
      event_type: "PERIOD_STARTED",
      at: { enriched: new Date(t0 + 20).toISOString(), routed: new Date(t0 + 60).toISOString() },
    };
    const row = rowOf(first!, pipeline, t0 + 12);
    expect(hopMs(row, "received")).toBe(40);
    expect(hopMs(row, "sequenced")).toBe(5);
    expect(hopMs(row, "enriched")).toBe(20);
    expect(hopMs(row, "routed")).toBe(40);
    expect(hopMs(row, "dispatched")).toBeNull();
    expect(hopMs(row, "shown")).toBe(12);
    expect(overBudget("routed", 40)).toBe(true);
    expect(overBudget("enriched", 20)).toBe(false);
    expect(overBudget("shown", 5000)).toBe(false);
  });

  it("counts only events that have both ends of a hop", () => {
    const rows = finalScript().events.map((e, i) =>
      rowOf(e, undefined, i < 2 ? Date.parse(e.published_at) + 30 * (i + 1) : undefined),
    );
    expect(hopStats(rows, "shown")).toEqual({ n: 2, p50: 30, p99: 60 });
    expect(hopStats(rows, "dispatched")).toEqual({ n: 0, p50: null, p99: null });
    expect(hopStats(rows, "received").n).toBe(rows.length);
  });
});
