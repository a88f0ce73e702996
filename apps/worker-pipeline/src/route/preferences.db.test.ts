// Preferences in the routing statement, against both local backends: categories switched off, quiet hours in
// the device's time zone (crossing midnight, daylight saving), and agreement with the contract's deliveryOf,
// which clients preview preferences with.
import { sql } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { bypassesMatchCap } from "@buzz/notifications";
import type { Derived } from "@buzz/queue";
import {
  DEFAULT_PREFERENCES,
  type Delivery,
  deliveryOf,
  type NotificationPreferences,
  type PublishedEvent,
} from "@buzz/schema/contract";
import { beforeEach, describe, expect, it } from "vitest";
import { card, FRANCE, GRIEZMANN, goal, halfTime, published, shot, substitution } from "../testing/fakes.js";
import { addDevice, type DeviceSpec } from "../testing/route.js";
import { routeRecipients, targetsOf } from "./recipients.js";

const TEAMS: Derived = {
  teams: { home: { team_id: "FRA", name: "France" }, away: { team_id: "CRO", name: "Croatia" } },
};
const PARIS_NIGHT = { from: "23:00", to: "07:00", time_zone: "Europe/Paris" };
/** 23:30 in Paris (summer time, UTC+2), and 15:00. */
const NIGHT = "2018-07-15T21:30:00.000Z";
const DAY = "2018-07-15T13:00:00.000Z";

let seq = 0;
/** Each event in a match of its own, so the per-match cap never gets in the way. */
const at = (o: string) => ({ published_at: o, match_id: `prefs-${++seq}` });
const shootoutKick = (o: { published_at: string; match_id: string }) =>
  published(
    "PENALTY_SHOOTOUT_KICK",
    6,
    {
      team: FRANCE,
      player: GRIEZMANN,
      kick_number: 1,
      scored: true,
      penalty_score_after: { home: 1, away: 0 },
    },
    o,
  );

describe.each(BACKENDS)("preferences in the routing statement on %s", (kind) => {
  const { run } = useBackend(kind);
  /** device id → silent, for the devices reached. */
  const routeTo = (event: PublishedEvent) =>
    run(async (db) => {
      const rows = await routeRecipients(db, event, targetsOf(event, TEAMS), {
        bypassCap: bypassesMatchCap(event),
        resend: false,
        routedAt: new Date(),
      });
      return new Map(rows.map((r) => [r.device_id, r.silent]));
    });
  const fan = (spec: Omit<DeviceSpec, "follows"> = {}) =>
    run((db) => addDevice(db, { follows: [["competition", "wc-2018"]], ...spec }));

  beforeEach(() =>
    run((db) => db.execute(sql`truncate devices, notification_log, processed_events cascade`)),
  );

  it("never pushes a category the device switched off; substitutions are off until switched on", async () => {
    const plain = await fan();
    const noCards = await fan({ preferences: { categories: { cards: false } } });
    const subs = await fan({ preferences: { categories: { substitutions: true } } });

    expect(await routeTo(card(1, "RED", at(DAY)))).toEqual(
      new Map([
        [plain, false],
        [subs, false],
      ]),
    );
    expect(await routeTo(substitution(2, at(DAY)))).toEqual(new Map([[subs, false]]));
    expect([...(await routeTo(goal(3, { home: 1, away: 0 }, {}, at(DAY)))).keys()].sort()).toEqual(
      [plain, noCards, subs].sort(),
    );
  });

  it("during quiet hours lets only goals through, silent, on the device's own clock", async () => {
    const sleeper = await fan({ preferences: { quiet_hours: PARIS_NIGHT } });
    // The same instant is 17:30 in New York: outside its 23:00–07:00.
    const newYork = await fan({
      preferences: { quiet_hours: { ...PARIS_NIGHT, time_zone: "America/New_York" } },
    });
    const awake = await fan();

    expect(await routeTo(goal(1, { home: 1, away: 0 }, {}, at(NIGHT)))).toEqual(
      new Map([
        [sleeper, true],
        [newYork, false],
        [awake, false],
      ]),
    );
    expect(await routeTo(card(2, "RED", at(NIGHT)))).toEqual(
      new Map([
        [newYork, false],
        [awake, false],
      ]),
    );
    // After midnight, still in the window; at 07:00 in Paris, out of it — and 01:00 in New York, in its own.
    expect((await routeTo(halfTime(3, at("2018-07-16T02:00:00Z")))).has(sleeper)).toBe(false);
    expect(await routeTo(halfTime(4, at("2018-07-16T05:00:00Z")))).toEqual(
      new Map([
        [sleeper, false],
        [awake, false],
      ]),
    );
  });

  it("asks the devices one statement for all of this: the same answer as deliveryOf, case by case", async () => {
    const variants: NotificationPreferences[] = [
      DEFAULT_PREFERENCES,
      {
        categories: { ...DEFAULT_PREFERENCES.categories, goals: false, substitutions: true },
        quiet_hours: null,
      },
      { categories: DEFAULT_PREFERENCES.categories, quiet_hours: PARIS_NIGHT },
      {
        categories: { ...DEFAULT_PREFERENCES.categories, shootout: false, cards: false },
        quiet_hours: { from: "12:00", to: "14:30", time_zone: "America/New_York" },
      },
      {
        categories: { ...DEFAULT_PREFERENCES.categories, goals: false },
        quiet_hours: { from: "00:00", to: "23:59", time_zone: "UTC" },
      },
    ];
    const devices = [];
    for (const p of variants) devices.push({ id: await fan({ preferences: p }), prefs: p });
    const instants = [
      DAY,
      NIGHT,
      "2018-01-15T21:59:00Z", // 22:59 in Paris in winter
      "2018-01-15T22:00:00Z", // 23:00 in Paris in winter
      "2018-07-15T16:00:00Z", // 12:00 in New York
      "2018-07-15T18:30:00Z", // 14:30 in New York
      "2018-07-15T23:59:00Z",
    ];
    const builders = [
      (o: ReturnType<typeof at>) => goal(1, { home: 1, away: 0 }, {}, o),
      (o: ReturnType<typeof at>) => card(2, "YELLOW", o),
      (o: ReturnType<typeof at>) => substitution(3, o),
      (o: ReturnType<typeof at>) => halfTime(4, o),
      (o: ReturnType<typeof at>) => shot(5, null, o),
      shootoutKick,
    ];
    for (const instant of instants)
      for (const build of builders) {
        const event = build(at(instant));
        const reached = await routeTo(event);
        for (const d of devices) {
          const expected = deliveryOf(d.prefs, event.event_type, new Date(instant));
          const actual: Delivery = reached.has(d.id) ? (reached.get(d.id) ? "silent" : "push") : "off";
          const sent = expected === "push" || expected === "silent" ? expected : "off";
          expect(actual, `${event.event_type} at ${instant} for ${JSON.stringify(d.prefs)}`).toBe(sent);
        }
      }
  });
});
