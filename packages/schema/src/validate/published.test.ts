import { describe, expect, it } from "vitest";
import { PUBLISHED_EVENT_TYPES } from "../contract/index.js";
import { PublishedEventSchema, toIssues } from "./index.js";

const griezmann = { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7, position: "FW" };

/** The reference design's GoalScored JSON, as the MatchRoom publishes it for the 2018 final. */
const goalScored = {
  event_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f",
  event_type: "GOAL_SCORED",
  event_version: 2,
  match_id: "wc2018-final",
  competition: { id: "wc-2018", name: "FIFA World Cup 2018", matchday: 7 },
  occurred_at: "2018-07-15T15:38:12.450Z",
  received_at: "2018-07-15T15:38:12.530Z",
  published_at: "2018-07-15T15:38:12.534Z",
  sequence_number: 9,
  source: { system: "OPTA", operator_id: "op-42", confidence: 0.99, stadium_gateway_id: "luzhniki-gw-1" },
  data: {
    team: { side: "HOME", team_id: "FRA", name: "France" },
    scorer: griezmann,
    assist: null,
    match_minute: 38,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
    goal_type: "PENALTY",
    body_part: "LEFT_FOOT",
    coordinates: { x: 88.5, y: 40.0 },
    provisional: false,
    score_after: { home: 2, away: 1 },
  },
  metadata: {
    idempotency_key: "sha256:3f7d9c0e5b1a2d4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f809",
    correlation_id: "0190a3e2-7b40-7aaa-8bbb-0c0d0e0f1011",
    causation_id: null,
    ttl_seconds: 300,
  },
};

const pathsOf = (v: unknown) => {
  const r = PublishedEventSchema.safeParse(v);
  return r.success ? [] : toIssues(r.error).map((i) => i.path);
};

describe("PublishedEventSchema", () => {
  it("accepts a realistic published GOAL_SCORED", () => {
    expect(pathsOf(goalScored)).toEqual([]);
  });

  it("accepts the provisional goal the sensor makes, before anyone named the scorer", () => {
    const provisional = {
      ...goalScored,
      source: {
        system: "HAWKEYE",
        operator_id: null,
        confidence: 0.998,
        stadium_gateway_id: "luzhniki-gw-1",
      },
      data: {
        ...goalScored.data,
        scorer: null,
        goal_type: null,
        body_part: null,
        coordinates: null,
        provisional: true,
      },
    };
    expect(pathsOf(provisional)).toEqual([]);
  });

  it("rejects an event_id that is a UUID but not v7", () => {
    expect(pathsOf({ ...goalScored, event_id: "3b241101-e2bb-4255-8caf-4136c566a962" })).toEqual([
      ["event_id"],
    ]);
    expect(pathsOf({ ...goalScored, event_id: "not-a-uuid" })).toEqual([["event_id"]]);
  });

  it("rejects an envelope without sequence or of an older version", () => {
    const { sequence_number: _, ...unsequenced } = goalScored;
    expect(pathsOf(unsequenced)).toEqual([["sequence_number"]]);
    expect(pathsOf({ ...goalScored, event_version: 1 })).toEqual([["event_version"]]);
  });

  it("never publishes a raw GOAL_LINE_SIGNAL", () => {
    expect(PUBLISHED_EVENT_TYPES).not.toContain("GOAL_LINE_SIGNAL");
    expect(pathsOf({ ...goalScored, event_type: "GOAL_LINE_SIGNAL" })).toEqual([["event_type"]]);
  });

  it("requires the names the platform fills from the roster", () => {
    const { name: _, ...nameless } = griezmann;
    expect(pathsOf({ ...goalScored, data: { ...goalScored.data, scorer: nameless } })).toEqual([
      ["data", "scorer", "name"],
    ]);
  });
});
