// The match-events-enriched consumer against both local backends, with fake queues.

import { eq, eventArchive, notificationLog, processedEvents, sql, webhooks } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import { renderNotification, topicOf } from "@buzz/notifications";
import {
  type Derived,
  type EnrichedMessage,
  laneOf,
  NotificationGroupSchema,
  NotificationMessageSchema,
  unpackGroup,
  type WebhookDeliveryMessage,
} from "@buzz/queue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RECIPIENTS_PER_MESSAGE } from "../dispatch/budget.js";
import {
  card,
  DOWN,
  type FakeMessage,
  FakeQueue,
  fakeBatch,
  fakeMessage,
  goal,
  outcomesOf,
  published,
  shot,
  testEnv,
} from "../testing/fakes.js";
import { addDevice } from "../testing/route.js";
import { route } from "./index.js";

const DERIVED: Derived = {
  score: { home: 1, away: 0 },
  teams: { home: { team_id: "FRA", name: "France" }, away: { team_id: "CRO", name: "Croatia" } },
};
const enriched = (event: EnrichedMessage["event"], derived: Derived = DERIVED): EnrichedMessage => ({
  event,
  derived,
  enriched_at: new Date().toISOString(),
});

afterEach(() => vi.restoreAllMocks());

describe.each(BACKENDS)("route on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;
  beforeEach(() =>
    run((db) =>
      db.execute(sql`truncate devices, notification_log, processed_events, event_archive, webhooks cascade`),
    ),
  );

  async function consume(
    messages: FakeMessage[],
    options: {
      env?: typeof backend.env;
      vars?: Record<string, string>;
      fail?: Partial<Record<"NOTIFICATIONS" | `NOTIFICATIONS_${number}` | "WEBHOOK_DELIVERIES", number>>;
      /** Notification lanes bound: NOTIFICATIONS, NOTIFICATIONS_1, … (default 1). */
      lanes?: number;
    } = {},
  ) {
    for (const level of ["log", "warn", "error"] as const)
      vi.spyOn(console, level).mockImplementation(() => {});
    // Webhook deliveries are the webhooks helper's sends, in its own content type.
    const lanes = Array.from({ length: options.lanes ?? 1 }, () => new FakeQueue());
    const queues: Record<string, FakeQueue> & { NOTIFICATIONS: FakeQueue; WEBHOOK_DELIVERIES: FakeQueue } = {
      NOTIFICATIONS: lanes[0]!,
      ...Object.fromEntries(lanes.slice(1).map((q, k) => [`NOTIFICATIONS_${k + 1}`, q])),
      WEBHOOK_DELIVERIES: new FakeQueue(false),
    };
    for (const [name, n] of Object.entries(options.fail ?? {})) queues[name]!.failures = n ?? 0;
    const ctx = testContext();
    await route(
      fakeBatch("match-events-enriched", messages),
      testEnv(options.env ?? backend.env, queues, options.vars),
      ctx as unknown as ExecutionContext,
    );
    await ctx.settle();
    const sent = lanes.flatMap((q) => q.sent);
    return {
      ...queues,
      lanes,
      groups: sent.map((body) => NotificationGroupSchema.parse(body)),
      // What each device gets, as dispatch unpacks it.
      notifications: sent.flatMap((body) => unpackGroup(NotificationGroupSchema.parse(body))),
      deliveries: queues.WEBHOOK_DELIVERIES.sent as WebhookDeliveryMessage[],
    };
  }
  const archive = (event: EnrichedMessage["event"]) =>
    run((db) =>
      db.insert(eventArchive).values({
        eventId: event.event_id,
        matchId: event.match_id,
        sequenceNumber: event.sequence_number,
        eventType: event.event_type,
        occurredAt: new Date(),
        receivedAt: new Date(),
        publishedAt: new Date(),
        body: event,
      }),
    );

  it("reaches devices with a native token, a subscription or both, once each; dispatch picks the channel when it sends", async () => {
    const apns = { provider: "apns", token: "ab".repeat(32), environment: "sandbox" } as const;
    const fans = await run(async (db) => ({
      fcm: await addDevice(db, {
        locale: "fr",
        follows: [["team", "FRA"]],
        subscribed: false,
        native: { provider: "fcm", token: `t:APA91b${"x".repeat(60)}` },
      }),
      both: await addDevice(db, {
        locale: "de",
        follows: [
          ["team", "CRO"],
          ["team", "FRA"],
        ],
        native: apns,
      }),
      web: await addDevice(db, { locale: "en", follows: [["team", "FRA"]] }),
      none: await addDevice(db, { follows: [["team", "FRA"]], subscribed: false }),
    }));
    const event = goal(9, { home: 1, away: 0 });
    await archive(event);
    const { notifications, groups, NOTIFICATIONS } = await consume([fakeMessage("g", enriched(event))]);

    const byDevice = new Map(notifications.map((n) => [n.device_id, n]));
    expect([...byDevice.keys()].sort()).toEqual([fans.fcm, fans.both, fans.web].sort());
    expect(notifications).toHaveLength(3);
    // One queue message for the three, each language's rendering carried once.
    expect(groups).toHaveLength(1);
    expect(groups[0]!.payloads.map((p) => p.lang).sort()).toEqual(["de", "en", "fr"]);
    expect(byDevice.get(fans.fcm)).toMatchObject({
      topic: topicOf(`goal-${event.event_id}`),
      urgency: "high",
    });
    expect(byDevice.get(fans.fcm)!.payload.title).toContain("BUT");
    expect(byDevice.get(fans.both)!.payload.lang).toBe("de");
    // The message names the devices; the token or subscription is read when it is sent (native.db.test.ts).
    const [sent] = NOTIFICATIONS.sent as Record<string, unknown>[];
    expect(Object.keys(sent!).sort()).toEqual([
      "attempts",
      "event_id",
      "match_id",
      "payloads",
      "recipients",
      "routed_at",
      "topic",
      "ttl",
      "urgency",
    ]);
    expect((sent!.recipients as object[]).map((r) => Object.keys(r).sort())).toEqual(
      Array(3).fill(["device_id", "payload"]),
    );
  });

  it("marks a goal during a device's quiet hours silent, in a payload dispatch reads back whole", async () => {
    // The test events happen at 18:00 UTC.
    const quiet_hours = { from: "17:00", to: "19:00", time_zone: "UTC" };
    const fans = await run(async (db) => ({
      sleeping: await addDevice(db, { follows: [["team", "FRA"]], preferences: { quiet_hours } }),
      awake: await addDevice(db, { follows: [["team", "FRA"]] }),
    }));
    const event = goal(9, { home: 1, away: 0 });
    await archive(event);
    const { notifications } = await consume([fakeMessage("g", enriched(event))]);

    const byDevice = new Map(
      notifications.map((n) => [n.device_id, NotificationMessageSchema.parse(n).payload]),
    );
    expect(byDevice.get(fans.sleeping)?.silent).toBe(true);
    // A push that is not silent is the v1 payload: no `silent` key at all.
    expect(byDevice.get(fans.awake)).not.toHaveProperty("silent");
  });

  it("notifies each follower once, in their language, with the event's urgency, TTL, tag and Topic", async () => {
    const fans = await run(async (db) => ({
      fr: await addDevice(db, { locale: "fr-FR", follows: [["team", "FRA"]] }),
      ar: await addDevice(db, { locale: "ar", follows: [["team", "CRO"]] }),
      de: await addDevice(db, {
        locale: "de_AT",
        follows: [
          ["player", "FRA-griezmann"],
          ["team", "FRA"],
        ],
      }),
      pt: await addDevice(db, { locale: "pt-BR", follows: [["match", "wc2018-final"]] }),
    }));
    const event = goal(9, { home: 1, away: 0 });
    await archive(event);
    const messages = [fakeMessage("g", enriched(event))];

    const { notifications } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ g: "ack" });
    const byDevice = new Map(notifications.map((n) => [n.device_id, n]));
    expect([...byDevice.keys()].sort()).toEqual(Object.values(fans).sort());
    expect(notifications).toHaveLength(4);
    for (const [locale, lang] of [
      ["fr", "fr"],
      ["ar", "ar"],
      ["de", "de"],
      ["pt", "en"],
    ] as const) {
      const n = byDevice.get(fans[locale])!;
      const expected = renderNotification(event, lang, {
        score: DERIVED.score,
        teams: { home: "France", away: "Croatia" },
      })!;
      expect(n.payload).toEqual({
        title: expected.title,
        body: expected.body,
        tag: expected.tag,
        data: expected.data,
        dir: expected.dir,
        lang,
      });
      expect(n).toMatchObject({
        event_id: event.event_id,
        match_id: event.match_id,
        ttl: 300,
        urgency: "high",
        topic: topicOf(`goal-${event.event_id}`),
      });
      expect(n.payload.data.url).toBe("/#/matches/wc2018-final");
    }
    expect(byDevice.get(fans.fr)!.payload.title).toContain("BUT");
    expect(byDevice.get(fans.ar)!.payload.dir).toBe("rtl");
    const row = (
      await run((db) => db.select().from(eventArchive).where(eq(eventArchive.eventId, event.event_id)))
    )[0]!;
    expect(row.routedAt!.toISOString()).toBe(notifications[0]!.routed_at);
  });

  it("gives an amendment its goal's tag and Topic, and links to PUBLIC_BASE_URL", async () => {
    await run((db) => addDevice(db, { follows: [["team", "FRA"]] }));
    const provisional = goal(
      9,
      { home: 1, away: 0 },
      { scorer: null, goal_type: null, coordinates: null, provisional: true },
    );
    const amended = published(
      "GOAL_AMENDED",
      10,
      { ...goal(0, { home: 1, away: 0 }).data, provisional: false },
      { causation_id: provisional.event_id },
    );

    const { notifications } = await consume(
      [fakeMessage("p", enriched(provisional)), fakeMessage("a", enriched(amended))],
      { vars: { PUBLIC_BASE_URL: "https://buzz.example/" } },
    );

    expect(notifications.map((n) => n.event_id)).toEqual([provisional.event_id, amended.event_id]);
    expect(notifications[1]!.payload.tag).toBe(notifications[0]!.payload.tag);
    expect(notifications[1]!.topic).toBe(notifications[0]!.topic);
    expect(notifications[1]!.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(notifications[0]!.payload.data.url).toBe("https://buzz.example/#/matches/wc2018-final");
  });

  it("sends nothing again for a routed event, redelivered or replayed", async () => {
    await run((db) => addDevice(db, { follows: [["team", "CRO"]] }));
    const event = card(4, "RED");
    const first = await consume([fakeMessage("c", enriched(event))]);
    expect(first.notifications).toHaveLength(1);

    const again = [fakeMessage("c", enriched(event), 2), fakeMessage("replay", enriched(event))];
    const second = await consume(again);

    expect(outcomesOf(again)).toEqual({ c: "ack", replay: "ack" });
    expect(second.notifications).toEqual([]);
    expect(await run((db) => db.$count(processedEvents, eq(processedEvents.eventId, event.event_id)))).toBe(
      1,
    );
  });

  it("retries an event whose notifications could not all be queued, and queues them on the retry", async () => {
    const fans = await run(async (db) => [
      await addDevice(db, { follows: [["team", "FRA"]] }),
      await addDevice(db, { follows: [["team", "FRA"]] }),
    ]);
    const event = goal(9, { home: 1, away: 0 });
    const first = [fakeMessage("g", enriched(event), 1)];
    const failed = await consume(first, { fail: { NOTIFICATIONS: 1 } });
    expect(outcomesOf(first)).toEqual({ g: "retry" });
    expect(failed.notifications).toEqual([]);
    expect(await run((db) => db.$count(processedEvents))).toBe(0);

    const retried = [fakeMessage("g", enriched(event), 2)];
    const ok = await consume(retried);

    expect(outcomesOf(retried)).toEqual({ g: "ack" });
    expect(ok.notifications.map((n) => n.device_id).sort()).toEqual(fans.sort());
  });

  it("puts each device's notifications on its lane, every recipient once, and retries the event when one lane fails", async () => {
    const fans = await run(async (db) => {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push(await addDevice(db, { follows: [["team", "FRA"]] }));
      return ids;
    });
    const event = goal(9, { home: 1, away: 0 });
    const first = [fakeMessage("g", enriched(event), 1)];
    const failed = await consume(first, { lanes: 3, fail: { NOTIFICATIONS_2: 1 } });
    expect(outcomesOf(first)).toEqual({ g: "retry" });
    expect(await run((db) => db.$count(processedEvents))).toBe(0);
    expect(failed.lanes[2]!.sent).toEqual([]);

    const retried = [fakeMessage("g", enriched(event), 2)];
    const ok = await consume(retried, { lanes: 3 });
    expect(outcomesOf(retried)).toEqual({ g: "ack" });
    expect(ok.notifications.map((n) => n.device_id).sort()).toEqual(fans.sort());
    for (const [k, lane] of ok.lanes.entries()) {
      const devices = lane.sent.flatMap((body) =>
        unpackGroup(NotificationGroupSchema.parse(body)).map((n) => n.device_id),
      );
      expect(devices.length).toBeGreaterThan(0); // 40 random devices: each of 3 lanes has some
      for (const device of devices) expect(laneOf(device, 3)).toBe(k);
    }
  });

  it("retries the event, not its notifications, when the webhook fan-out fails", async () => {
    await run(async (db) => {
      await addDevice(db, { follows: [["team", "FRA"]] });
      await db
        .insert(webhooks)
        .values({ url: "https://betting.example/hook", secret: "whsec_x", eventTypes: ["GOAL_SCORED"] });
    });
    const event = goal(9, { home: 1, away: 0 });
    const first = [fakeMessage("g", enriched(event))];
    const failed = await consume(first, { fail: { WEBHOOK_DELIVERIES: 1 } });
    expect(outcomesOf(first)).toEqual({ g: "retry" });
    expect(failed.notifications).toHaveLength(1);

    const retried = [fakeMessage("g", enriched(event), 2)];
    const ok = await consume(retried);
    expect(outcomesOf(retried)).toEqual({ g: "ack" });
    expect(ok.notifications).toEqual([]);
    expect(ok.deliveries).toEqual([expect.objectContaining({ event, derived: DERIVED })]);
  });

  it("routes a shot to webhooks only, and still marks it routed", async () => {
    await run(async (db) => {
      await addDevice(db, { follows: [["team", "CRO"]] });
      await db.insert(webhooks).values({ url: "https://tv.example/hook", secret: "whsec_y", eventTypes: [] });
    });
    const event = shot(5, { x: 88, y: 52 });
    await archive(event);
    const messages = [fakeMessage("s", enriched(event))];

    const { notifications, deliveries } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ s: "ack" });
    expect(notifications).toEqual([]);
    expect(deliveries).toHaveLength(1);
    const row = (
      await run((db) => db.select().from(eventArchive).where(eq(eventArchive.eventId, event.event_id)))
    )[0]!;
    expect(row.routedAt).not.toBeNull();
  });

  it("in a batch, a goal whose notifications fail retries alone; the others are marked and fanned out together", async () => {
    await run(async (db) => {
      await addDevice(db, { follows: [["team", "FRA"]] });
      await db.insert(webhooks).values({ url: "https://tv.example/hook", secret: "whsec_z", eventTypes: [] });
    });
    const [before, scored, booked] = [shot(8, { x: 80, y: 40 }), goal(9, { home: 1, away: 0 }), card(10)];
    for (const e of [before, scored, booked]) await archive(e);
    const messages = [
      fakeMessage("shot", enriched(before)),
      fakeMessage("goal", enriched(scored)),
      fakeMessage("card", enriched(booked)),
    ];

    const { notifications, deliveries } = await consume(messages, { fail: { NOTIFICATIONS: 1 } });

    expect(outcomesOf(messages)).toEqual({ shot: "ack", goal: "retry", card: "ack" });
    expect(notifications.map((n) => n.event_id)).toEqual([booked.event_id]);
    expect(deliveries.map((d) => ("event" in d ? d.event.event_id : null))).toEqual([
      before.event_id,
      booked.event_id,
    ]);
    const marked = await run((db) => db.select().from(processedEvents));
    expect(marked.map((r) => r.eventId)).toEqual([booked.event_id]);
    const routed = await run((db) => db.select().from(eventArchive));
    expect(Object.fromEntries(routed.map((r) => [r.eventId, r.routedAt !== null]))).toEqual({
      [before.event_id]: true,
      [scored.event_id]: true, // its routing statement ran; its retry finds its fans logged and queues them
      [booked.event_id]: true,
    });
  });

  it("retries every event with backoff when Postgres stays down past the hold", async () => {
    const messages = [
      fakeMessage("a", enriched(goal(9, { home: 1, away: 0 }))),
      fakeMessage("b", enriched(card(10))),
    ];
    const { notifications } = await consume(messages, {
      env: { ...backend.env, ...DOWN },
      vars: { POSTGRES_OUTAGE_HOLD_SECONDS: "1" },
    });
    expect(outcomesOf(messages)).toEqual({ a: "retry", b: "retry" });
    for (const m of messages)
      expect(
        (m.outcomes[0] as { retry: { delaySeconds: number } }).retry.delaySeconds,
      ).toBeGreaterThanOrEqual(1);
    expect(notifications).toEqual([]);
  });

  it("holds through a short outage and then routes as a redelivery: a device a part logged before the cut is queued too", async () => {
    const [logged, fresh] = await run(async (db) => [
      await addDevice(db, { follows: [["team", "FRA"]] }),
      await addDevice(db, { follows: [["team", "FRA"]] }),
    ]);
    const event = goal(9, { home: 1, away: 0 });
    // What a part that committed before the cut leaves behind: its device logged, its push not yet queued.
    await run((db) =>
      db
        .insert(notificationLog)
        .values({ eventId: event.event_id, deviceId: logged, matchId: event.match_id }),
    );
    const messages = [fakeMessage("g", enriched(event), 1)];
    backend.proxy.pause();
    const back = setTimeout(() => backend.proxy.resume(), 1_500);
    try {
      const { notifications } = await consume(messages, { vars: { POSTGRES_OUTAGE_HOLD_SECONDS: "20" } });

      expect(outcomesOf(messages)).toEqual({ g: "ack" });
      expect(notifications.map((n) => n.device_id).sort()).toEqual([logged, fresh].sort());
      expect(await run((db) => db.$count(processedEvents, eq(processedEvents.eventId, event.event_id)))).toBe(
        1,
      );
    } finally {
      clearTimeout(back);
      backend.proxy.resume();
    }
  });

  it("retries a message that is not an enriched event, and routes the rest", async () => {
    await run((db) => addDevice(db, { follows: [["team", "FRA"]] }));
    const messages = [
      fakeMessage("bad", { event: { event_type: "GOAL_SCORED" }, derived: {} }),
      fakeMessage("ok", enriched(goal(9, { home: 1, away: 0 }))),
    ];
    const { notifications } = await consume(messages);
    expect(outcomesOf(messages)).toEqual({ bad: "retry", ok: "ack" });
    expect(notifications).toHaveLength(1);
  });

  it(`queues a large audience ${RECIPIENTS_PER_MESSAGE} recipients a message, each language carried once a message`, async () => {
    const n = 230;
    await run(async (db) => {
      await db.execute(sql`
        with d as (
          insert into devices (token_hash, locale)
          select 'bulk-' || i, (array['fr', 'ar', 'en', 'es', 'de'])[1 + i % 5] from generate_series(1, ${n}) i
          returning id, locale
        ),
        s as (
          insert into push_subscriptions (device_id, endpoint, p256dh, auth)
          select id, 'https://fcm.googleapis.com/fcm/send/' || id, repeat('p', 87), repeat('a', 22) from d
        )
        insert into follows (device_id, kind, target_id, locale) select id, 'team', 'FRA', locale from d`);
    });
    const messages = [fakeMessage("g", enriched(goal(9, { home: 1, away: 0 })))];

    const { NOTIFICATIONS, notifications, groups } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ g: "ack" });
    expect(new Set(notifications.map((m) => m.device_id)).size).toBe(n);
    const full = Math.floor(n / RECIPIENTS_PER_MESSAGE);
    expect(groups.map((g) => g.recipients.length)).toEqual([
      ...Array(full).fill(RECIPIENTS_PER_MESSAGE),
      n - full * RECIPIENTS_PER_MESSAGE,
    ]);
    // Routing hands recipients back a language at a time: a message carries each of its languages once, and
    // only those its recipients get.
    for (const g of groups) {
      const langs = g.payloads.map((p) => p.lang);
      expect(new Set(langs).size).toBe(langs.length);
      expect(new Set(g.recipients.map((r) => r.payload)).size).toBe(langs.length);
    }
    expect(new Set(groups.flatMap((g) => g.payloads.map((p) => p.lang))).size).toBe(5);
    // The fake refuses any batch over 100 messages or 256 KB: these few go in one.
    expect(NOTIFICATIONS.batches.map((b) => b.length)).toEqual([groups.length]);
  });
});
