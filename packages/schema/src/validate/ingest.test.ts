import { describe, expect, it } from "vitest";
import { MAX_BATCH_EVENTS } from "../contract/index.js";
import { parseIngestBody } from "./index.js";

const goal = {
  event_type: "GOAL_SCORED",
  occurred_at: "2018-07-15T15:38:12.450Z",
  source: { system: "OPTA", operator_id: "op-42" },
  data: {
    team: { side: "HOME" },
    scorer: { player_id: "FRA-griezmann" },
    assist: null,
    match_minute: 38,
    match_period: "FIRST_HALF",
    goal_type: "PENALTY",
    body_part: "LEFT_FOOT",
  },
};
const kickoff = {
  event_type: "PERIOD_STARTED",
  occurred_at: "2018-07-15T15:00:04Z",
  source: { system: "REFEREE" },
  data: { match_period: "FIRST_HALF" },
};
const shot = (minute: unknown) => ({
  event_type: "SHOT",
  occurred_at: "2018-07-15T15:10:00Z",
  source: { system: "EPTS" },
  data: {
    team: { side: "AWAY" },
    player: { player_id: "CRO-perisic" },
    match_minute: minute,
    match_period: "FIRST_HALF",
    outcome: "BLOCKED",
  },
});

describe("parseIngestBody", () => {
  it("takes one event as a single, current-version event with defaults filled", () => {
    const r = parseIngestBody(goal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.batch).toBe(false);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      event_type: "GOAL_SCORED",
      event_version: 2,
      data: { stoppage_minute: 0 },
    });
  });

  it("takes {events: [...]} as a batch, in order", () => {
    const r = parseIngestBody({ events: [kickoff, shot(10), goal] });
    expect(r.ok && r.batch).toBe(true);
    expect(r.ok && r.events.map((e) => e.event_type)).toEqual(["PERIOD_STARTED", "SHOT", "GOAL_SCORED"]);
  });

  it(`accepts a batch of exactly ${MAX_BATCH_EVENTS} and refuses ${MAX_BATCH_EVENTS + 1}`, () => {
    expect(MAX_BATCH_EVENTS).toBe(500);
    const full = parseIngestBody({ events: Array.from({ length: 500 }, (_, i) => shot(i % 90)) });
    expect(full.ok && full.events.length).toBe(500);

    const over = parseIngestBody({ events: Array.from({ length: 501 }, () => shot(1)) });
    expect(over).toMatchObject({ ok: false, code: "batch_too_large", issues: [{ path: ["events"] }] });
    expect(!over.ok && over.message).toContain("501");
  });

  it("honours a lower limit given by the caller", () => {
    expect(parseIngestBody({ events: [shot(1), shot(2), shot(3)] }, 2)).toMatchObject({
      ok: false,
      code: "batch_too_large",
    });
  });

  it("refuses an empty or non-array events list on the events path", () => {
    for (const events of [[], "all of them", null]) {
      expect(parseIngestBody({ events })).toMatchObject({
        ok: false,
        code: "validation_failed",
        issues: [{ path: ["events"] }],
      });
    }
  });

  it("names every bad event of a batch by its index, and rejects the batch whole", () => {
    const r = parseIngestBody({
      events: [kickoff, shot(10), shot("10'"), goal, { ...goal, event_type: "GOAL_CELEBRATED" }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("validation_failed");
    expect(r.issues.map((i) => i.path)).toEqual([
      ["events", 2, "data", "match_minute"],
      ["events", 4, "event_type"],
    ]);
    expect("events" in r).toBe(false);
  });

  it("names the field of a bad single event without an index", () => {
    const r = parseIngestBody({ ...goal, data: { ...goal.data, team: { side: "LEFT" } } });
    expect(r).toMatchObject({
      ok: false,
      code: "validation_failed",
      issues: [{ path: ["data", "team", "side"] }],
    });
  });

  it("refuses an unknown event_version, naming it", () => {
    expect(parseIngestBody({ ...goal, event_version: 3 })).toMatchObject({
      ok: false,
      issues: [{ path: ["event_version"] }],
    });
    expect(parseIngestBody({ events: [goal, { ...goal, event_version: 7 }] })).toMatchObject({
      ok: false,
      issues: [{ path: ["events", 1, "event_version"] }],
    });
  });

  it("refuses bodies that are not an event at all", () => {
    for (const body of [null, 42, "GOAL", [goal]]) {
      expect(parseIngestBody(body)).toMatchObject({ ok: false, code: "validation_failed" });
    }
  });
});
