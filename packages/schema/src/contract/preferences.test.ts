import { describe, expect, it } from "vitest";
import {
  DEFAULT_PREFERENCES,
  deliveryOf,
  inQuietHours,
  type NotificationPreferences,
  wallClockMinutes,
} from "./index.js";

const night = { from: "23:00", to: "07:00", time_zone: "Europe/Paris" };
const lunch = { from: "12:00", to: "14:00", time_zone: "Asia/Tokyo" };

describe("inQuietHours", () => {
  it.each([
    // Paris is UTC+2 in July (summer time) and UTC+1 in January.
    ["2018-07-15T20:59:59Z", night, false], // 22:59:59 in Paris
    ["2018-07-15T21:00:00Z", night, true], // 23:00, `from` is in the window
    ["2018-07-15T23:30:00Z", night, true], // 01:30, past midnight
    ["2018-07-16T04:59:00Z", night, true], // 06:59
    ["2018-07-16T05:00:00Z", night, false], // 07:00, `to` is not
    ["2018-01-15T21:30:00Z", night, false], // 22:30 in winter
    ["2018-01-15T22:00:00Z", night, true], // 23:00 in winter
    ["2018-07-15T02:59:00Z", lunch, false], // 11:59 in Tokyo (UTC+9)
    ["2018-07-15T03:00:00Z", lunch, true],
    ["2018-07-15T04:59:59Z", lunch, true],
    ["2018-07-15T05:00:00Z", lunch, false],
  ] as const)("at %s in %j: %s", (at, quiet, expected) => {
    expect(inQuietHours(quiet, new Date(at))).toBe(expected);
  });

  it("is never quiet without a window, or with an empty one", () => {
    expect(inQuietHours(null, new Date())).toBe(false);
    expect(
      inQuietHours({ from: "08:00", to: "08:00", time_zone: "UTC" }, new Date("2018-07-15T08:00:00Z")),
    ).toBe(false);
  });

  it("reads the wall clock of the zone, across a daylight saving change", () => {
    // 2018-03-25 01:00 UTC Paris moved from 02:00 to 03:00.
    expect(wallClockMinutes(new Date("2018-03-25T00:59:00Z"), "Europe/Paris")).toBe(1 * 60 + 59);
    expect(wallClockMinutes(new Date("2018-03-25T01:00:00Z"), "Europe/Paris")).toBe(3 * 60);
    expect(wallClockMinutes(new Date("2018-07-15T00:30:00Z"), "UTC")).toBe(30);
  });
});

describe("deliveryOf", () => {
  const prefs: NotificationPreferences = {
    categories: { ...DEFAULT_PREFERENCES.categories, cards: false },
    quiet_hours: night,
  };
  const day = new Date("2018-07-15T15:00:00Z");
  const midnight = new Date("2018-07-15T22:00:00Z");

  it("pushes what is on, outside quiet hours", () => {
    expect(deliveryOf(prefs, "GOAL_SCORED", day)).toBe("push");
    expect(deliveryOf(prefs, "MATCH_ENDED", day)).toBe("push");
    expect(deliveryOf(prefs, "CARD_SHOWN", day)).toBe("off");
    expect(deliveryOf(prefs, "SUBSTITUTION", day)).toBe("off");
    expect(deliveryOf(prefs, "SHOT", day)).toBe("never");
  });

  it("during quiet hours, lets goals through silently and holds the rest", () => {
    expect(deliveryOf(prefs, "GOAL_SCORED", midnight)).toBe("silent");
    expect(deliveryOf(prefs, "GOAL_CANCELLED", midnight)).toBe("silent");
    expect(deliveryOf(prefs, "PENALTY_SHOOTOUT_KICK", midnight)).toBe("quiet");
    expect(deliveryOf(prefs, "CARD_SHOWN", midnight)).toBe("off");
    const noGoals = { ...prefs, categories: { ...prefs.categories, goals: false } };
    expect(deliveryOf(noGoals, "GOAL_SCORED", midnight)).toBe("off");
  });

  it("by default sends everything but substitutions", () => {
    expect(deliveryOf(DEFAULT_PREFERENCES, "SUBSTITUTION", midnight)).toBe("off");
    expect(deliveryOf(DEFAULT_PREFERENCES, "CARD_SHOWN", midnight)).toBe("push");
  });
});
