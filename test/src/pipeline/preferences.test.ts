// Fans choose what buzzes (contract v1.1), end to end: preferences set through the SDK against the real stack,
// events ingested by a signed source, routed by the pipeline's one statement and pushed through the strict mock
// push service, which decrypts each message with the subscription's own key.
import { getPreferences, setPreferences } from "@buzz/client-sdk/push";
import { DEFAULT_PREFERENCES } from "@buzz/schema/contract";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, postEvents } from "../http.js";
import { createMatch } from "../match.js";
import { type Delivery, type MockPush, startMockPush } from "../mock-push/index.js";
import { call } from "./fans.js";
import { NotificationLog } from "./log.js";

/** The events happen at 15:0x UTC: just past midnight in Tokyo (UTC+9), 17:0x in Paris. */
const at = (minute: number) => new Date(Date.UTC(2018, 6, 15, 15, minute)).toISOString();
const NIGHT = { from: "23:00", to: "07:00" };
const SOURCE = { system: "OPTA", operator_id: "e2e-prefs" };
const clock = (minute: number) => ({ match_minute: minute, stoppage_minute: 0, match_period: "FIRST_HALF" });
const EVENTS = [
  {
    event_type: "PERIOD_STARTED",
    occurred_at: at(0),
    source: { system: "REFEREE" },
    data: { match_period: "FIRST_HALF" },
  },
  {
    event_type: "CARD_SHOWN",
    occurred_at: at(5),
    source: SOURCE,
    data: { team: { side: "AWAY" }, player: { player_id: "AWY-p2" }, card: "YELLOW", ...clock(5) },
  },
  {
    event_type: "SUBSTITUTION",
    occurred_at: at(7),
    source: SOURCE,
    data: {
      team: { side: "HOME" },
      player_out: { player_id: "HOM-p5" },
      player_in: { player_id: "HOM-p6" },
      ...clock(7),
    },
  },
  {
    event_type: "GOAL_SCORED",
    occurred_at: at(9),
    source: SOURCE,
    data: {
      team: { side: "HOME" },
      scorer: { player_id: "HOM-p3" },
      assist: null,
      goal_type: "OPEN_PLAY",
      ...clock(9),
    },
  },
];
type Kind = "PERIOD_STARTED" | "CARD_SHOWN" | "SUBSTITUTION" | "GOAL_SCORED";

let push: MockPush;
let log: NotificationLog;
beforeAll(async () => {
  [push, log] = await Promise.all([startMockPush(), NotificationLog.open()]);
});
afterAll(async () => {
  await Promise.all([push?.close(), log?.close()]);
});

interface Fan {
  device: { baseUrl: string; token: string };
  deviceId: string;
  endpoint: string;
}
async function fan(matchId: string): Promise<Fan> {
  const created = await call("POST", "/v1/devices", undefined, { locale: "en" });
  expect(created.status).toBe(201);
  const { token, device_id: deviceId } = created.body;
  const subscription = push.newSubscription({ applicationServerKey: inject("vapidPublicKey") });
  expect((await call("PUT", "/v1/devices/me/push-subscription", token, subscription)).status).toBe(201);
  expect((await call("PUT", "/v1/devices/me/follows", token, { matches: [matchId] })).status).toBe(200);
  return { device: { baseUrl: baseUrl(), token }, deviceId, endpoint: subscription.endpoint };
}

describe("preferences through the device API", () => {
  it("reads the defaults, stores a choice, and refuses bad ones with a 422 that changes nothing", async () => {
    const { device } = await fan("e2e-prefs-api");
    expect(await getPreferences(device)).toEqual(DEFAULT_PREFERENCES);
    const chosen = await setPreferences(device, {
      categories: { cards: false, substitutions: true },
      quiet_hours: { ...NIGHT, time_zone: "europe/paris" },
    });
    expect(chosen).toEqual({
      categories: { ...DEFAULT_PREFERENCES.categories, cards: false, substitutions: true },
      quiet_hours: { ...NIGHT, time_zone: "Europe/Paris" },
    });
    for (const [body, path] of [
      [{ categories: { goal: false } }, "categories"],
      [{ categories: { cards: "off" } }, "categories.cards"],
      [{ quiet_hours: { from: "23:60", to: "07:00", time_zone: "UTC" } }, "quiet_hours.from"],
      [{ quiet_hours: { from: "7:00", to: "08:00", time_zone: "UTC" } }, "quiet_hours.from"],
      [{ quiet_hours: { ...NIGHT, time_zone: "Mars/Olympus_Mons" } }, "quiet_hours.time_zone"],
      [{ quiet_hours: { ...NIGHT, time_zone: "+02:00" } }, "quiet_hours.time_zone"],
      [{ quiet_hours: { ...NIGHT, time_zone: "Europe/Paris\u0000" } }, null],
      [{ quiet_hours: { from: "07:00", to: "07:00", time_zone: "UTC" } }, "quiet_hours.to"],
    ] as const) {
      const res = await call("PUT", "/v1/devices/me/preferences", device.token, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe("validation_failed");
      // NUL is refused for any string of any body, before the schema: its message names no field.
      if (path) expect(res.body.error.message).toContain(path);
    }
    const raw = await fetch(`${baseUrl()}/v1/devices/me/preferences`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${device.token}`, "Content-Type": "application/json" },
      body: "{",
    });
    expect(raw.status).toBe(400);
    expect(await getPreferences(device)).toEqual(chosen);
    expect((await call("GET", "/v1/devices/me/preferences")).status).toBe(401);
  });
});

describe("a match routed by each fan's preferences", () => {
  it("never pushes a category switched off; in quiet hours pushes the goal alone, silent", async () => {
    const matchId = await createMatch("prefs");
    const plain = await fan(matchId);
    const noCards = await fan(matchId);
    const subs = await fan(matchId);
    const asleep = await fan(matchId);
    const awakeInParis = await fan(matchId);
    await setPreferences(noCards.device, { categories: { cards: false } });
    await setPreferences(subs.device, { categories: { substitutions: true } });
    await setPreferences(asleep.device, { quiet_hours: { ...NIGHT, time_zone: "Asia/Tokyo" } });
    await setPreferences(awakeInParis.device, { quiet_hours: { ...NIGHT, time_zone: "Europe/Paris" } });

    const posted = await postEvents(matchId, { events: EVENTS });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const eventIds: string[] = posted.body.results.map((r: { event_id: string }) => r.event_id);
    await log.settled(matchId, eventIds, 90_000);

    const got = (f: Fan) =>
      push
        .deliveries(f.endpoint)
        .map((d: Delivery) => {
          const p = d.payload as { data: { event_id: string }; silent?: boolean };
          return [EVENTS[eventIds.indexOf(p.data.event_id)]!.event_type as Kind, p.silent ?? null] as const;
        })
        .sort();
    const loud = (...kinds: Kind[]) => kinds.map((k) => [k, null] as const).sort();
    expect(got(plain)).toEqual(loud("PERIOD_STARTED", "CARD_SHOWN", "GOAL_SCORED"));
    expect(got(noCards)).toEqual(loud("PERIOD_STARTED", "GOAL_SCORED"));
    expect(got(subs)).toEqual(loud("PERIOD_STARTED", "CARD_SHOWN", "SUBSTITUTION", "GOAL_SCORED"));
    expect(got(asleep)).toEqual([["GOAL_SCORED", true]]);
    expect(got(awakeInParis)).toEqual(loud("PERIOD_STARTED", "CARD_SHOWN", "GOAL_SCORED"));
    // What was not sent was never logged either: not held back somewhere, not counted against the match's cap.
    const logged = (f: Fan) =>
      (log as NotificationLog)
        .rows(matchId)
        .then((rows) => rows.filter((r) => r.device_id === f.deviceId).length);
    expect(await logged(asleep)).toBe(1);
    expect(await logged(noCards)).toBe(2);
  });
});
