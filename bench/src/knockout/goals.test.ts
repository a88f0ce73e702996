// The knockout bench's matching of pushes to goals (behaviour only, no timing).
import type { ReplayResult } from "@buzz/simulator";
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../../test/src/mock-push/index.js";
import { goalIds, goalPushes } from "./goals.js";

const sent = (event_type: string, event_id: string, status: string) =>
  ({ item: { event: { event_type } }, result: { event_id, status }, attempts: 1 }) as never;

const delivery = (endpoint: string, event_id: string, receivedAt: number) =>
  ({ endpoint, payload: { data: { event_id } }, receivedAt }) as Delivery;

describe("knockout goals", () => {
  it("counts the sensor's goal and an operator's first report, not the operator's amendment or a resend", () => {
    const replay: ReplayResult = {
      matchId: "m",
      score: { home: 2, away: 0 },
      penalties: null,
      results: [
        sent("GOAL_LINE_SIGNAL", "g1", "sequenced"),
        sent("GOAL_SCORED", "a1", "amended"),
        sent("GOAL_SCORED", "a1", "duplicate"),
        sent("GOAL_SCORED", "g2", "sequenced"),
        sent("CORNER_KICK", "c1", "sequenced"),
      ],
    };
    expect(goalIds(replay)).toEqual(["g1", "g2"]);
  });

  it("times each goal to its first push and its last fan's, once per fan, and leaves the undelivered untimed", () => {
    const fans = new Set(["home", "away"]);
    const goals = ["g1", "g2", "g3"].map((eventId) => ({ matchId: "m", eventId, fans }));
    const deliveries = [
      delivery("home", "g1", 1_100),
      delivery("away", "g1", 1_300),
      delivery("home", "g1", 1_500), // a redelivery: the fan already had it
      delivery("stranger", "g2", 2_050), // not a fan of this match
      delivery("away", "g2", 2_200),
      delivery("home", "other", 2_300),
    ];
    const received = new Map([
      ["g1", 1_000],
      ["g2", 2_000],
      ["g3", 3_000],
    ]);
    const [g1, g2, g3] = goalPushes(goals, deliveries, received);
    expect(g1).toMatchObject({ delivered: 2, firstMs: 100, allMs: 300 });
    expect(g2).toMatchObject({ delivered: 1, firstMs: 200 });
    expect(g2!.allMs).toBeUndefined();
    expect(g3).toMatchObject({ delivered: 0 });
    expect(g3!.firstMs).toBeUndefined();
  });
});
