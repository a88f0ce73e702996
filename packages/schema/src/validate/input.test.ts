import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type EventType, type Issue } from "../contract/index.js";
import { DESIGN_GOAL_INPUT } from "../testing/events.js";
import { EventInputSchema, toIssues } from "./index.js";

const GOAL_ID = "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f"; // a UUIDv7, as the MatchRoom mints them
const opta = { system: "OPTA", operator_id: "op-42" };
const referee = { system: "REFEREE" };

/** One realistic input per event type (the 2018 final, France–Croatia), plus a field to drop and one to break. */
const CASES: Record<
  EventType,
  { input: object; missing: (string | number)[]; wrongType: [(string | number)[], unknown] }
> = {
  PERIOD_STARTED: {
    input: {
      event_type: "PERIOD_STARTED",
      occurred_at: "2018-07-15T15:00:04Z",
      source: referee,
      data: { match_period: "FIRST_HALF", match_minute: 0 },
    },
    missing: ["data", "match_period"],
    wrongType: [["data", "match_minute"], "0"],
  },
  PERIOD_ENDED: {
    input: {
      event_type: "PERIOD_ENDED",
      occurred_at: "2018-07-15T15:47:30Z",
      source: referee,
      data: { match_period: "FIRST_HALF", match_minute: 45, stoppage_minute: 2 },
    },
    missing: ["data", "match_period"],
    wrongType: [["data", "stoppage_minute"], "2"],
  },
  GOAL_LINE_SIGNAL: {
    input: {
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: "2018-07-15T15:18:31.120Z",
      source: { system: "HAWKEYE", confidence: 0.998, stadium_gateway_id: "luzhniki-gw-1" },
      data: { team: { side: "HOME" }, match_minute: 18, stoppage_minute: 0, match_period: "FIRST_HALF" },
    },
    missing: ["data", "team"],
    wrongType: [["data", "team"], "HOME"],
  },
  GOAL_SCORED: {
    // The example of the public contract, verbatim.
    input: DESIGN_GOAL_INPUT,
    missing: ["data", "scorer"],
    wrongType: [["data", "match_minute"], "38"],
  },
  GOAL_AMENDED: {
    input: {
      event_type: "GOAL_AMENDED",
      occurred_at: "2018-07-15T15:18:37Z",
      source: opta,
      metadata: { causation_id: GOAL_ID },
      data: { scorer: { player_id: "CRO-mandzukic" }, goal_type: "OWN_GOAL", body_part: "HEAD" },
    },
    missing: ["metadata", "causation_id"],
    wrongType: [["data", "scorer", "player_id"], 17],
  },
  GOAL_CANCELLED: {
    input: {
      event_type: "GOAL_CANCELLED",
      occurred_at: "2018-07-15T15:40:00Z",
      source: referee,
      metadata: { causation_id: GOAL_ID },
      data: { reason: "VAR" },
    },
    missing: ["metadata", "causation_id"],
    wrongType: [["data", "reason"], 1],
  },
  CARD_SHOWN: {
    input: {
      event_type: "CARD_SHOWN",
      occurred_at: "2018-07-15T15:27:10Z",
      source: referee,
      data: {
        team: { side: "HOME" },
        player: { player_id: "FRA-kante" },
        card: "YELLOW",
        match_minute: 27,
        match_period: "FIRST_HALF",
      },
    },
    missing: ["data", "card"],
    wrongType: [["data", "card"], 1],
  },
  SUBSTITUTION: {
    input: {
      event_type: "SUBSTITUTION",
      occurred_at: "2018-07-15T16:43:00Z",
      source: opta,
      data: {
        team: { side: "HOME" },
        player_out: { player_id: "FRA-kante" },
        player_in: { player_id: "FRA-nzonzi" },
        match_minute: 55,
        match_period: "SECOND_HALF",
      },
    },
    missing: ["data", "player_in"],
    wrongType: [["data", "player_out"], "FRA-kante"],
  },
  SHOT: {
    input: {
      event_type: "SHOT",
      occurred_at: "2018-07-15T16:36:02Z",
      source: { system: "EPTS" },
      data: {
        team: { side: "AWAY" },
        player: { player_id: "CRO-rakitic" },
        match_minute: 48,
        match_period: "SECOND_HALF",
        outcome: "OFF_TARGET",
        coordinates: { x: 78, y: 55 },
      },
    },
    missing: ["data", "outcome"],
    wrongType: [["data", "coordinates", "x"], "78"],
  },
  PENALTY_SHOOTOUT_KICK: {
    input: {
      event_type: "PENALTY_SHOOTOUT_KICK",
      occurred_at: "2018-07-01T20:41:00Z",
      source: referee,
      data: { team: { side: "AWAY" }, player: { player_id: "CRO-modric" }, kick_number: 3, scored: true },
    },
    missing: ["data", "scored"],
    wrongType: [["data", "kick_number"], "3"],
  },
  MATCH_ENDED: {
    input: {
      event_type: "MATCH_ENDED",
      occurred_at: "2018-07-15T16:53:40Z",
      source: referee,
      data: { match_minute: 90, stoppage_minute: 4 },
    },
    missing: ["data"],
    wrongType: [["data", "match_minute"], "90"],
  },
  VAR_REVIEW_STARTED: {
    input: {
      event_type: "VAR_REVIEW_STARTED",
      occurred_at: "2018-07-15T15:36:10Z",
      source: referee,
      metadata: { causation_id: GOAL_ID },
      data: { reason: "GOAL", match_minute: 36, match_period: "FIRST_HALF" },
    },
    missing: ["data", "reason"],
    wrongType: [["data", "reason"], "OFFSIDE_GOAL"],
  },
  VAR_REVIEW_ENDED: {
    input: {
      event_type: "VAR_REVIEW_ENDED",
      occurred_at: "2018-07-15T15:38:00Z",
      source: referee,
      metadata: { causation_id: GOAL_ID },
      data: { decision: "CONFIRMED" },
    },
    missing: ["data", "decision"],
    wrongType: [["data", "decision"], true],
  },
  CORNER_KICK: {
    input: {
      event_type: "CORNER_KICK",
      occurred_at: "2018-07-15T15:17:00Z",
      source: opta,
      data: {
        team: { side: "HOME" },
        player: { player_id: "FRA-griezmann" },
        match_minute: 17,
        match_period: "FIRST_HALF",
      },
    },
    missing: ["data", "team"],
    wrongType: [["data", "player", "player_id"], 7],
  },
  FOUL: {
    input: {
      event_type: "FOUL",
      occurred_at: "2018-07-15T15:17:50Z",
      source: referee,
      data: {
        team: { side: "AWAY" },
        player: { player_id: "CRO-brozovic" },
        match_minute: 17,
        match_period: "FIRST_HALF",
      },
    },
    missing: ["data", "match_period"],
    wrongType: [["data", "team", "side"], "CROATIA"],
  },
  OFFSIDE: {
    input: {
      event_type: "OFFSIDE",
      occurred_at: "2018-07-15T15:25:00Z",
      source: opta,
      data: { team: { side: "AWAY" }, match_minute: 25, match_period: "FIRST_HALF" },
    },
    missing: ["data", "match_minute"],
    wrongType: [["data", "match_minute"], "25"],
  },
  SAVE: {
    input: {
      event_type: "SAVE",
      occurred_at: "2018-07-15T16:48:00Z",
      source: { system: "EPTS" },
      data: {
        team: { side: "HOME" },
        player: { player_id: "FRA-lloris" },
        match_minute: 63,
        match_period: "SECOND_HALF",
      },
    },
    missing: ["data", "team"],
    wrongType: [["data", "player"], "FRA-lloris"],
  },
};

function issuesOf(input: unknown): Issue[] {
  const r = EventInputSchema.safeParse(input);
  return r.success ? [] : toIssues(r.error);
}

function edit(
  input: object,
  path: (string | number)[],
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce((o, k) => o[k] as Record<string | number, unknown>, copy);
  change(parent, path[path.length - 1]!);
  return copy;
}
const without = (input: object, path: (string | number)[]) => edit(input, path, (p, k) => delete p[k]);
const withValue = (input: object, path: (string | number)[], v: unknown) =>
  edit(input, path, (p, k) => (p[k] = v));

describe("EventInputSchema", () => {
  it("has an example for every event type in the catalogue", () => {
    expect(Object.keys(CASES).sort()).toEqual([...EVENT_TYPES].sort());
  });

  describe.each(Object.entries(CASES))("%s", (type, c) => {
    it("accepts a realistic input", () => {
      const r = EventInputSchema.safeParse(c.input);
      expect(r.success ? [] : toIssues(r.error)).toEqual([]);
      expect(r.data?.event_type).toBe(type);
    });

    it(`names the missing field ${c.missing.join(".")}`, () => {
      expect(issuesOf(without(c.input, c.missing)).map((i) => i.path)).toContainEqual(c.missing);
    });

    it(`names the wrongly typed field ${c.wrongType[0].join(".")}`, () => {
      const [path, value] = c.wrongType;
      expect(issuesOf(withValue(c.input, path, value)).map((i) => i.path)).toContainEqual(path);
    });
  });

  it("rejects an unknown event_type on the event_type path", () => {
    const issues = issuesOf({ ...CASES.GOAL_SCORED.input, event_type: "GOAL_CELEBRATED" });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["event_type"]);
    expect(issues[0]?.message).toContain("GOAL_SCORED");
  });

  it("rejects a missing event_type on the event_type path", () => {
    expect(issuesOf(without(CASES.GOAL_SCORED.input, ["event_type"])).map((i) => i.path)).toEqual([
      ["event_type"],
    ]);
  });

  it("names envelope fields: occurred_at, source.system", () => {
    const g = CASES.GOAL_SCORED.input;
    expect(issuesOf(without(g, ["occurred_at"])).map((i) => i.path)).toContainEqual(["occurred_at"]);
    expect(issuesOf(withValue(g, ["occurred_at"], "yesterday")).map((i) => i.path)).toContainEqual([
      "occurred_at",
    ]);
    expect(issuesOf(withValue(g, ["source", "system"], "STATSBOMB")).map((i) => i.path)).toContainEqual([
      "source",
      "system",
    ]);
  });

  it("fills stoppage_minute with 0 when a clocked event omits it", () => {
    const r = EventInputSchema.parse(CASES.CARD_SHOWN.input);
    expect(r.event_type === "CARD_SHOWN" && r.data.stoppage_minute).toBe(0);
  });

  it("keeps the shoot-out out of regular events", () => {
    const g = withValue(CASES.GOAL_SCORED.input, ["data", "match_period"], "PENALTY_SHOOTOUT");
    expect(issuesOf(g).map((i) => i.path)).toContainEqual(["data", "match_period"]);
  });

  it("takes an assist with or without its type (v1.1), and no other type", () => {
    const goal = CASES.GOAL_SCORED.input;
    expect(issuesOf(withValue(goal, ["data", "assist"], { player_id: "FRA-pogba" }))).toEqual([]);
    expect(issuesOf(withValue(goal, ["data", "assist"], { player_id: "FRA-pogba", type: "CROSS" }))).toEqual(
      [],
    );
    const wrong = withValue(goal, ["data", "assist"], { player_id: "FRA-pogba", type: "HEADER" });
    expect(issuesOf(wrong).map((i) => i.path)).toContainEqual(["data", "assist", "type"]);
  });

  it("leaves the event under review to the room (a goal review defaults to the latest goal)", () => {
    expect(issuesOf(without(CASES.VAR_REVIEW_STARTED.input, ["metadata"]))).toEqual([]);
  });

  it("refuses a substitution of a player by himself", () => {
    const s = withValue(CASES.SUBSTITUTION.input, ["data", "player_in", "player_id"], "FRA-kante");
    expect(issuesOf(s).map((i) => i.path)).toContainEqual(["data", "player_in"]);
  });
});
