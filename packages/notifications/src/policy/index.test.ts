import { notifies, urgencyOf } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import {
  amendment,
  cancellation,
  card,
  EVERY_EVENT,
  endedOnPenalties,
  goal,
  halfTime,
  kick,
  matchEnded,
  periodStarted,
  provisionalGoal,
  published,
  SILENT_TYPES,
  shot,
  substitution,
} from "../testing/events.js";
import { bypassesMatchCap, ttlOf } from "./index.js";

// urgencyOf and notifies are the contract's (the event catalogue); these are the pushes they decide.
describe("urgencyOf", () => {
  it.each([
    ["provisional goal", provisionalGoal, "high"],
    ["goal", goal, "high"],
    ["amendment", amendment, "high"],
    ["cancellation (VAR)", cancellation, "high"],
    ["red card", card("RED"), "high"],
    ["second yellow", card("SECOND_YELLOW"), "high"],
    ["shoot-out kick", kick(false), "high"],
    ["yellow card", card("YELLOW"), "normal"],
    ["period start", periodStarted, "normal"],
    ["half-time", halfTime, "normal"],
    ["final whistle", matchEnded, "normal"],
    ["substitution", substitution, "low"],
    ["shot", shot, "very-low"],
  ] as const)("%s → %s", (_, event, urgency) => {
    expect(urgencyOf(event)).toBe(urgency);
  });
});

describe("bypassesMatchCap", () => {
  it("lets goals, their corrections, sendings-off and the final score past the per-match cap, and nothing else", () => {
    const bypassing = EVERY_EVENT.filter(bypassesMatchCap);
    expect(bypassing).toEqual(
      expect.arrayContaining([goal, provisionalGoal, amendment, cancellation, matchEnded, endedOnPenalties]),
    );
    expect(bypassesMatchCap(card("RED"))).toBe(true);
    expect(bypassesMatchCap(card("SECOND_YELLOW"))).toBe(true);
    for (const event of [card("YELLOW"), substitution, periodStarted, halfTime, kick(true), shot]) {
      expect(bypassesMatchCap(event)).toBe(false);
    }
  });
});

describe("notifies", () => {
  it("is false for shots, corners, fouls, offsides and saves only", () => {
    expect(EVERY_EVENT.filter((e) => !notifies(e)).map((e) => e.event_type)).toEqual(SILENT_TYPES);
  });
});

describe("ttlOf", () => {
  it("uses the envelope's ttl_seconds (catalogue default or the source's choice), the catalogue otherwise", () => {
    expect(ttlOf(goal)).toBe(300);
    const ended = published("MATCH_ENDED", matchEnded.data, { ttl_seconds: 3600 });
    expect(ttlOf(ended)).toBe(3600);
    expect(ttlOf(published("SUBSTITUTION", substitution.data, { ttl_seconds: 0 }))).toBe(0);
    expect(ttlOf(published("SUBSTITUTION", substitution.data, { ttl_seconds: -5 }))).toBe(900);
  });
});
