import { describe, expect, it } from "vitest";
import { planSweep, type Unconfirmed } from "./sweep.js";

const NOW = 1_000_000;
const event = (seq: number, ageMs: number, queued = false): Unconfirmed => ({
  seq,
  event_id: `e${seq}`,
  published_ms: NOW - ageMs,
  queued,
});

describe("planSweep", () => {
  it("confirms the archived prefix and requeues only what is past the deadline, not archived and not in the outbox", () => {
    const unconfirmed = [
      event(1, 90_000),
      event(2, 90_000),
      event(3, 90_000),
      event(4, 90_000, true),
      event(5, 10_000),
    ];
    const plan = planSweep(unconfirmed, new Set(["e1", "e2", "e5"]), NOW, 30_000);
    expect(plan).toEqual({ confirmedThrough: 2, requeue: [3] });
  });

  it("confirms nothing when the first is missing, and requeues nothing younger than the deadline", () => {
    expect(planSweep([event(7, 5_000), event(8, 1_000)], new Set(["e8"]), NOW, 30_000)).toEqual({
      confirmedThrough: null,
      requeue: [],
    });
  });

  it("confirms all once the archive holds all", () => {
    expect(planSweep([event(1, 60_000), event(2, 60_000)], new Set(["e1", "e2"]), NOW, 30_000)).toEqual({
      confirmedThrough: 2,
      requeue: [],
    });
  });
});
