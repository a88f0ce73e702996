// How the analytics of a match are put together from its log and what enrichment derived (no I/O).

import { CROATIA, card, goal, halfTime, published, shot } from "@buzz/schema/testing";
import { describe, expect, it } from "vitest";
import { buildAnalytics, type StoredDerived } from "./build.js";

const chances = { home: 0.5, draw: 0.3, away: 0.2 };
const derivedFor = (entries: [string, StoredDerived][]) => new Map(entries);

describe("buildAnalytics", () => {
  it("lists each enriched event with its clock, side, place and derived fields, and totals xG per side", () => {
    const penalty = goal(1, { home: 1, away: 0 });
    const chance = shot(2, { x: 90, y: 50 });
    const booking = card(3);
    const whistle = halfTime(4);
    const derived = derivedFor([
      [penalty.event_id, { expected_goals: 0.76, shot_distance_m: 11, win_probability: chances }],
      [chance.event_id, { expected_goals: 0.1834, shot_distance_m: 10.5, win_probability: chances }],
      [booking.event_id, { win_probability: chances }],
      [whistle.event_id, { win_probability: chances }],
    ]);

    const a = buildAnalytics("m1", [penalty, chance, booking, whistle], derived);

    expect(a).toMatchObject({ match_id: "m1", last_sequence: 4, pending: 0 });
    expect(a.events[0]).toEqual({
      sequence_number: 1,
      event_id: penalty.event_id,
      event_type: "GOAL_SCORED",
      match_minute: 38,
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      side: "HOME",
      attempt_id: penalty.event_id,
      counted: true,
      expected_goals: 0.76,
      shot_distance_m: 11,
      coordinates: { x: 89.5, y: 50 },
      win_probability: chances,
    });
    expect(a.events[1]).toMatchObject({
      side: "AWAY",
      attempt_id: chance.event_id,
      counted: true,
      coordinates: { x: 90, y: 50 },
      match_period: "SECOND_HALF",
    });
    expect(a.events[2]).toMatchObject({
      side: "AWAY",
      attempt_id: null,
      counted: false,
      expected_goals: null,
      coordinates: null,
    });
    expect(a.events[3]).toMatchObject({ side: null, match_minute: 45, stoppage_minute: 2, attempt_id: null });
    expect(a.totals).toEqual({
      expected_goals: { home: 0.76, away: 0.1834 },
      attempts: { home: 1, away: 1 },
    });
  });

  it("counts an amended goal once, by its amendment, and a goal cancelled by VAR not at all", () => {
    const provisional = goal(
      1,
      { home: 1, away: 0 },
      { scorer: null, goal_type: null, coordinates: null, provisional: true },
    );
    const amended = published(
      "GOAL_AMENDED",
      2,
      { ...provisional.data, goal_type: "OPEN_PLAY", coordinates: { x: 85, y: 45 }, provisional: false },
      { causation_id: provisional.event_id },
    );
    const disallowed = goal(
      3,
      { home: 1, away: 1 },
      { team: CROATIA, goal_type: "OPEN_PLAY", coordinates: { x: 80, y: 50 } },
    );
    const cancel = published(
      "GOAL_CANCELLED",
      4,
      {
        team: CROATIA,
        reason: "VAR",
        match_minute: 40,
        stoppage_minute: 0,
        match_period: "FIRST_HALF",
        score_after: { home: 1, away: 0 },
      },
      { causation_id: disallowed.event_id },
    );
    const log = [provisional, amended, disallowed, cancel];
    const derived = derivedFor([
      [provisional.event_id, {}],
      [amended.event_id, { expected_goals: 0.3, shot_distance_m: 16 }],
      [disallowed.event_id, { expected_goals: 0.2, shot_distance_m: 21 }],
      [cancel.event_id, {}],
    ]);

    const a = buildAnalytics("m2", log, derived);

    expect(a.events.map((e) => [e.event_type, e.attempt_id, e.counted])).toEqual([
      ["GOAL_SCORED", provisional.event_id, false],
      ["GOAL_AMENDED", provisional.event_id, true],
      ["GOAL_SCORED", disallowed.event_id, false],
      ["GOAL_CANCELLED", disallowed.event_id, false],
    ]);
    expect(a.totals).toEqual({ expected_goals: { home: 0.3, away: 0 }, attempts: { home: 1, away: 0 } });
  });

  it("leaves an own goal out of the attempts, and counts events not yet enriched as pending", () => {
    const own = goal(1, { home: 1, away: 0 }, { goal_type: "OWN_GOAL", coordinates: null });
    const later = shot(2, { x: 70, y: 30 });
    const a = buildAnalytics("m3", [own, later], derivedFor([[own.event_id, { win_probability: chances }]]));
    expect(a.events).toHaveLength(1);
    expect(a.events[0]).toMatchObject({ counted: false, expected_goals: null });
    expect(a.pending).toBe(1);
    expect(a.totals).toEqual({ expected_goals: { home: 0, away: 0 }, attempts: { home: 0, away: 0 } });
  });

  it("gives a shoot-out kick no clock", () => {
    const kick = published("PENALTY_SHOOTOUT_KICK", 1, {
      team: CROATIA,
      player: null,
      kick_number: 1,
      scored: true,
      penalty_score_after: { home: 0, away: 1 },
    });
    const a = buildAnalytics("m4", [kick], derivedFor([[kick.event_id, {}]]));
    expect(a.events[0]).toMatchObject({
      match_minute: null,
      stoppage_minute: null,
      match_period: "PENALTY_SHOOTOUT",
      side: "AWAY",
      attempt_id: null,
    });
  });
});
