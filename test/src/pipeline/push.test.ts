// Push end to end: a 2018 match replayed by the stadium simulator into the real stack, through enrich → route →
// dispatch, to the strict mock push service, which decrypts every message with the subscription's own private key.
// Fans are made through the device API only; what they receive is what the mock decrypted.

import type { WorldCupMatch } from "@buzz/simulator";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readLog } from "../http.js";
import { type Delivery, type MockPush, startMockPush } from "../mock-push/index.js";
import { sleep } from "../wait.js";
import { call, type Fan, registerFan } from "./fans.js";
import { type LogRow, NotificationLog } from "./log.js";
import { isolatedMatch, replay } from "./match.js";

/** The word every goal title starts with, per locale (packages/notifications templates). */
const GOAL_WORD: Record<string, string> = { fr: "BUT !", en: "GOAL!", es: "¡GOL!", de: "TOR!", ar: "هدف!" };
const SETTLE_MS = 240_000;

let push: MockPush;
let log: NotificationLog;
beforeAll(async () => {
  [push, log] = await Promise.all([startMockPush(), NotificationLog.open()]);
});
afterAll(async () => {
  await Promise.all([push?.close(), log?.close()]);
});

const payloadOf = (d: Delivery) =>
  d.payload as {
    title: string;
    body: string;
    tag: string;
    data: { event_id: string; match_id: string; sequence_number: number; url: string };
  };
const deliveredIds = (fan: Fan) =>
  push.deliveries(fan.subscription.endpoint).map((d) => payloadOf(d).data.event_id);
const rowsOf = (rows: LogRow[], fan: Fan) => rows.filter((r) => r.device_id === fan.deviceId);

/** The match's goals as sequenced: each provisional GOAL_SCORED with the GOAL_AMENDED that named its scorer. */
async function goalsOf(matchId: string) {
  const events = await readLog(matchId);
  const amended = new Map(
    events.filter((e) => e.event_type === "GOAL_AMENDED").map((e) => [e.metadata.causation_id, e]),
  );
  const goals = events
    .filter((e) => e.event_type === "GOAL_SCORED")
    .map((goal) => ({ goal, amendment: amended.get(goal.event_id) }));
  return { events, goals };
}

/**
 * One visible notification per goal (its tag), in the fan's language: the provisional push, then the amendment
 * replacing it under the same Topic — or the amendment alone when it overtook its goal upstream (dispatch then
 * never sends the older push after it). Either way the phone ends on the named scorer.
 */
function expectOneVisiblePushPerGoal(fan: Fan, goals: Awaited<ReturnType<typeof goalsOf>>["goals"]) {
  const received = push.deliveries(fan.subscription.endpoint);
  const goalPushes = received.filter((d) => payloadOf(d).tag.startsWith("goal-"));
  expect(new Set(goalPushes.map((d) => payloadOf(d).tag)), fan.name).toEqual(
    new Set(goals.map(({ goal }) => `goal-${goal.event_id}`)),
  );
  for (const { goal, amendment } of goals) {
    const pushes = goalPushes.filter((d) => payloadOf(d).tag === `goal-${goal.event_id}`);
    const ids = pushes.map((d) => payloadOf(d).data.event_id);
    expect(
      [[goal.event_id, amendment.event_id], [amendment.event_id]],
      `${fan.name}: goal at ${goal.data.match_minute}' got ${ids}`,
    ).toContainEqual(ids);
    expect(new Set(pushes.map((d) => d.topic)).size).toBe(1);
    for (const d of pushes) {
      expect(d.urgency).toBe("high");
      expect(
        payloadOf(d).title.includes(GOAL_WORD[fan.locale]!),
        `${fan.name}: "${payloadOf(d).title}"`,
      ).toBe(true);
      expect(payloadOf(d).data).toMatchObject({
        match_id: goal.match_id,
        sequence_number: expect.any(Number),
        url: expect.any(String),
      });
    }
    const named = pushes.at(-1)!;
    expect(`${payloadOf(named).title} ${payloadOf(named).body}`, fan.name).toContain(
      amendment.data.scorer.name,
    );
  }
}

/**
 * Every row delivered, or superseded (a newer push with its tag was on the phone first, so it was not sent); the
 * pushes the mock decrypted are exactly the delivered rows, each with its delivery time.
 */
function expectDeliveredAsLogged(fan: Fan, rows: LogRow[]) {
  const mine = rowsOf(rows, fan);
  expect(
    mine.every((r) => r.status === "delivered" || r.status === "superseded"),
    fan.name,
  ).toBe(true);
  const pushed = mine.filter((r) => r.status === "delivered");
  expect(
    pushed.every((r) => r.delivered_at !== null),
    fan.name,
  ).toBe(true);
  expect(
    mine.filter((r) => r.status === "superseded").every((r) => r.delivered_at === null),
    fan.name,
  ).toBe(true);
  expect(new Set(deliveredIds(fan)), fan.name).toEqual(new Set(pushed.map((r) => r.event_id)));
}

function expectNothingTwice(fans: Fan[]) {
  for (const fan of fans) {
    const ids = deliveredIds(fan);
    expect(ids.length, `${fan.name} got a notification twice`).toBe(new Set(ids).size);
  }
}

describe("a 2018 final replayed to fans in five languages, through enrich → route → dispatch", () => {
  let match: WorldCupMatch;
  let fans: Record<
    "fr" | "en" | "es" | "de" | "ar" | "gone" | "flaky" | "throttled" | "doomed" | "elsewhere",
    Fan
  >;
  let goals: Awaited<ReturnType<typeof goalsOf>>["goals"];
  let rows: LogRow[];

  beforeAll(async () => {
    match = isolatedMatch("64");
    const [home, away] = [match.home.code, match.away.code];
    const who = [
      ["fr", "fr", home],
      ["en", "en", away],
      ["es", "es", home],
      ["de", "de", away],
      ["ar", "ar", home],
      ["gone", "en", home],
      ["flaky", "fr", away],
      ["throttled", "es", home],
      ["doomed", "de", away],
      ["elsewhere", "fr", `ARG-${home}`],
    ] as const;
    const entries: [string, Fan][] = [];
    for (const [name, locale, team] of who)
      entries.push([name, await registerFan(push, name, locale, [team])]);
    fans = Object.fromEntries(entries) as typeof fans;
    push.script(fans.gone.subscription.endpoint, [201, 410]); // one push, then the browser unsubscribes
    push.script(fans.flaky.subscription.endpoint, [500]);
    push.script(fans.throttled.subscription.endpoint, [{ status: 429, retryAfter: 5 }]);
    push.script(fans.doomed.subscription.endpoint, Array(500).fill(503));

    await replay(match, 600);
    const sequenced = await goalsOf(match.matchId);
    goals = sequenced.goals;
    expect(goals).toHaveLength(6);
    rows = await log.settled(
      match.matchId,
      sequenced.events.map((e) => e.event_id),
      SETTLE_MS,
    );
  }, SETTLE_MS + 120_000);

  it("gives each fan exactly one visible notification per goal, the amendment replacing the provisional push, in the fan's language", () => {
    for (const fan of [fans.fr, fans.en, fans.es, fans.de, fans.ar]) expectOneVisiblePushPerGoal(fan, goals);
    expectNothingTwice(Object.values(fans));
    expect(push.attempts(fans.elsewhere.subscription.endpoint)).toEqual([]);
  });

  it("delivers exactly what the log says was delivered, and the account closes: delivered + pruned + dead = attempted", () => {
    for (const fan of [fans.fr, fans.en, fans.es, fans.de, fans.ar, fans.flaky, fans.throttled])
      expectDeliveredAsLogged(fan, rows);
    const counts = rows.reduce<Record<string, number>>(
      (c, r) => ((c[r.status] = (c[r.status] ?? 0) + 1), c),
      {},
    );
    // superseded rows were never attempted (see expectDeliveredAsLogged); nothing is left queued or retrying.
    expect((counts.delivered ?? 0) + (counts.pruned ?? 0) + (counts.dead ?? 0)).toBe(
      rows.length - (counts.superseded ?? 0),
    );
    expect(
      Object.keys(counts)
        .filter((s) => s !== "superseded")
        .sort(),
    ).toEqual(["dead", "delivered", "pruned"]);
  });

  it("dates each event's dispatch, in the latency waterfall, at its first delivered push", async () => {
    const res = await call("GET", `/v1/ops/matches/${match.matchId}/latency`, "dev-admin-token");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const first = new Map<string, number>();
    for (const r of rows)
      if (r.delivered_at)
        first.set(r.event_id, Math.min(first.get(r.event_id) ?? Infinity, r.delivered_at.getTime()));
    expect(first.size).toBeGreaterThanOrEqual(goals.length);
    const dispatched = (res.body.events as { event_id: string; at: { dispatched?: string } }[]).map((e) => [
      e.event_id,
      e.at.dispatched,
    ]);
    expect(dispatched).toEqual(
      dispatched.map(([id]) => [id, first.has(id!) ? new Date(first.get(id!)!).toISOString() : undefined]),
    );
  });

  it("prunes a subscription answered 410: gone from the API and the database, and sent nothing more", async () => {
    const fan = fans.gone;
    expect(push.attempts(fan.subscription.endpoint).map((a) => a.status)).toEqual([201, 410]);
    expect((await call("GET", "/v1/devices/me/push-subscription", fan.token)).status).toBe(404);
    expect(await log.subscriptionExists(fan.deviceId)).toBe(false);
    // As a set: the events of one route batch are logged in one transaction, so their rows share created_at.
    const mine = rowsOf(rows, fan)
      .map((r) => `${r.status} ${r.attempts} ${r.last_status}`)
      .sort();
    expect(mine).toEqual(
      ["delivered 1 201", "pruned 1 410", ...mine.slice(2).map(() => "pruned 0 null")].sort(),
    );
  });

  it("retries a push answered 500 and delivers it", () => {
    const fan = fans.flaky;
    const [first] = push.attempts(fan.subscription.endpoint);
    expect(first!.status).toBe(500);
    const retried = rowsOf(rows, fan).filter((r) => r.attempts > 1);
    expect(retried.map((r) => [r.status, r.attempts, r.last_status])).toEqual([["delivered", 2, 201]]);
    expect(deliveredIds(fan)).toContain(retried[0]!.event_id);
    expectOneVisiblePushPerGoal(fan, goals);
  });

  it("waits at least the Retry-After of a 429 before trying that push again", () => {
    const fan = fans.throttled;
    const throttled = push.attempts(fan.subscription.endpoint).find((a) => a.status === 429)!;
    const [retried] = rowsOf(rows, fan).filter((r) => r.attempts > 1);
    expect(retried).toMatchObject({ status: "delivered", attempts: 2, last_status: 201 });
    const delivery = push
      .deliveries(fan.subscription.endpoint)
      .find((d) => payloadOf(d).data.event_id === retried!.event_id)!;
    expect(delivery.receivedAt - throttled.at).toBeGreaterThanOrEqual(5_000);
    expectOneVisiblePushPerGoal(fan, goals);
  });

  it("sends a push that fails every time to the dead-letter queue after its last attempt, and the log says dead", async () => {
    const fan = fans.doomed;
    const mine = rowsOf(rows, fan);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.status === "dead")).toBe(true);
    // Every request is in the log; a push held back behind an earlier one with the same Topic may have made fewer
    // than 7, but none more, and the first of each Topic made all 7.
    expect(push.attempts(fan.subscription.endpoint)).toHaveLength(mine.reduce((n, r) => n + r.attempts, 0));
    expect(mine.every((r) => r.attempts <= 7 && (r.attempts === 0 || r.last_status === 503))).toBe(true);
    expect(mine.filter((r) => r.attempts === 7).length).toBeGreaterThan(0);
    expect(push.deliveries(fan.subscription.endpoint)).toEqual([]);

    const deadline = Date.now() + 60_000;
    let letters: any[] = [];
    while (Date.now() < deadline) {
      const res = await call("GET", "/v1/ops/dead-letters?queue=notifications&limit=200", "dev-admin-token");
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      letters = res.body.dead_letters.filter((l: any) => l.body?.device_id === fan.deviceId);
      if (letters.length >= mine.length) break;
      await sleep(1000);
    }
    expect(new Set(letters.map((l) => l.event_id))).toEqual(new Set(mine.map((r) => r.event_id)));
    expect(letters.every((l) => l.source_queue === "notifications" && l.state === "dead")).toBe(true);
  });
});

describe("Postgres cut off mid-match, then back", () => {
  it(
    "delivers everything once it is back, and nothing twice",
    async () => {
      const match = isolatedMatch("64");
      const fans = [
        await registerFan(push, "fr", "fr", [match.home.code]),
        await registerFan(push, "ar", "ar", [match.away.code]),
      ];
      const control = inject("controlUrl");
      const replaying = replay(match, 150);

      // Cut as soon as the first goal has reached a phone; restore once a later goal was sequenced in the dark.
      for (
        let i = 0;
        !push.deliveries(fans[0]!.subscription.endpoint).some((d) => payloadOf(d).tag.startsWith("goal-"));
        i++
      ) {
        if (i > 1200) throw new Error("no goal push arrived before the cut");
        await sleep(50);
      }
      expect((await fetch(`${control}/database/cut`, { method: "POST" })).status).toBe(204);
      const cutAt = Date.now();
      let restoredAt = 0;
      try {
        for (;;) {
          const { goals } = await goalsOf(match.matchId);
          if (goals.some(({ goal }) => Date.parse(goal.published_at) > cutAt) && Date.now() - cutAt >= 5_000)
            break;
          if (Date.now() - cutAt > 60_000)
            throw new Error("no goal was sequenced while Postgres was cut off");
          await sleep(200);
        }
      } finally {
        await fetch(`${control}/database/restore`, { method: "POST" });
        restoredAt = Date.now();
      }
      await replaying;

      const { events, goals } = await goalsOf(match.matchId);
      const rows = await log
        .settled(
          match.matchId,
          events.map((e) => e.event_id),
          SETTLE_MS,
        )
        .catch((err: Error) => {
          // What the push service saw, against what the log says: was a push it never answered even made?
          const seen = fans.map((f) => {
            const last = push.attempts(f.subscription.endpoint).slice(-8);
            return `${f.name}: ${last.map((a) => `${a.status} at ${new Date(a.at).toISOString()}`).join(", ")}`;
          });
          throw new Error(`${err.message}\nlast requests the mock push service saw: ${seen.join("; ")}`);
        });
      for (const fan of fans) expectOneVisiblePushPerGoal(fan, goals);
      expectNothingTwice(fans);
      for (const fan of fans) expectDeliveredAsLogged(fan, rows);

      // The outage was real: a goal sequenced while Postgres was away reached the phones only after it came back.
      const inTheDark = goals.filter(
        ({ goal }) => Date.parse(goal.published_at) > cutAt && Date.parse(goal.published_at) < restoredAt,
      );
      expect(inTheDark.length).toBeGreaterThan(0);
      for (const { goal } of inTheDark) {
        for (const fan of fans) {
          const pushes = push
            .deliveries(fan.subscription.endpoint)
            .filter((x) => payloadOf(x).tag === `goal-${goal.event_id}`);
          expect(pushes.length).toBeGreaterThan(0);
          expect(Math.min(...pushes.map((x) => x.receivedAt))).toBeGreaterThanOrEqual(restoredAt);
        }
      }
    },
    SETTLE_MS + 120_000,
  );
});
