import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES } from "../contract/index.js";
import { NotificationPreferencesSchema, TimeZoneSchema } from "./preferences.js";

const parse = (body: unknown) => NotificationPreferencesSchema.safeParse(body);
const firstPath = (body: unknown) => {
  const r = parse(body);
  expect(r.success).toBe(false);
  return r.error?.issues[0]?.path;
};

describe("NotificationPreferencesSchema", () => {
  it("fills what is missing with the defaults: every category but substitutions, no quiet hours", () => {
    expect(parse({}).data).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES.categories).toEqual({
      goals: true,
      var: true,
      cards: true,
      substitutions: false,
      match_status: true,
      shootout: true,
    });
    expect(parse({ categories: { cards: false } }).data?.categories).toEqual({
      ...DEFAULT_PREFERENCES.categories,
      cards: false,
    });
  });

  it("keeps quiet hours, crossing midnight or not", () => {
    const quiet = { from: "23:00", to: "07:00", time_zone: "Europe/Paris" };
    expect(parse({ quiet_hours: quiet }).data?.quiet_hours).toEqual(quiet);
    const day = { from: "09:30", to: "17:45", time_zone: "America/Argentina/Buenos_Aires" };
    expect(parse({ quiet_hours: day }).data?.quiet_hours).toEqual(day);
    expect(parse({ quiet_hours: null }).data?.quiet_hours).toBeNull();
  });

  it.each([
    [{ categories: { goal: true } }, ["categories"]],
    [{ categories: { cards: "no" } }, ["categories", "cards"]],
    [{ categories: { cards: null } }, ["categories", "cards"]],
    [{ categories: [] }, ["categories"]],
    [{ extra: 1 }, []],
    [{ quiet_hours: { from: "24:00", to: "07:00", time_zone: "UTC" } }, ["quiet_hours", "from"]],
    [{ quiet_hours: { from: "7:00", to: "08:00", time_zone: "UTC" } }, ["quiet_hours", "from"]],
    [{ quiet_hours: { from: "23:00", to: "07:60", time_zone: "UTC" } }, ["quiet_hours", "to"]],
    [{ quiet_hours: { from: "23:00\u0000", to: "07:00", time_zone: "UTC" } }, ["quiet_hours", "from"]],
    [{ quiet_hours: { from: "23:00", to: "23:00", time_zone: "UTC" } }, ["quiet_hours", "to"]],
    [{ quiet_hours: { from: "23:00", to: "07:00" } }, ["quiet_hours", "time_zone"]],
    [{ quiet_hours: { from: "23:00", to: "07:00", time_zone: "UTC", x: 1 } }, ["quiet_hours"]],
    [{ quiet_hours: "23:00-07:00" }, ["quiet_hours"]],
  ])("refuses %j at %j", (body, path) => {
    expect(firstPath(body)).toEqual(path);
  });
});

describe("TimeZoneSchema", () => {
  it.each([
    ["Europe/Paris", "Europe/Paris"],
    ["europe/paris", "Europe/Paris"],
    ["UTC", "UTC"],
    ["Etc/GMT+5", "Etc/GMT+5"],
    ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
  ])("accepts %s as %s", (zone, stored) => {
    expect(TimeZoneSchema.parse(zone)).toBe(stored);
  });

  it.each([
    "",
    "Mars/Olympus_Mons",
    "Europe/Pariss",
    "+01:00",
    "-05:00",
    "Europe/Paris\u0000",
    "Europe/../Paris",
    "a".repeat(65),
    " UTC",
  ])("refuses %j", (zone) => {
    expect(TimeZoneSchema.safeParse(zone).success).toBe(false);
  });
});
