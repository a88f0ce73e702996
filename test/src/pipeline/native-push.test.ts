// Native push end to end: fans' React Native apps register FCM, APNs and Expo tokens through the device API, a
// 2018 final is replayed into the real stack, and enrich → route → dispatch reaches the strict mocks of FCM
// (OAuth assertion and access token verified), APNs (ES256 provider token, headers, 4 KB) and Expo, through
// the relays the stack was started with (mock-native/stack.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readLog } from "../http.js";
import { startMockApns } from "../mock-apns/index.js";
import { startMockExpo } from "../mock-expo/index.js";
import { startMockFcm } from "../mock-fcm/index.js";
import { pointRelay } from "../mock-native/relay.js";
import { call } from "./fans.js";
import { type LogRow, NotificationLog } from "./log.js";
import { isolatedMatch, replay } from "./match.js";
import { type Mocks, type NativeFan, received, registerNativeFan } from "./native.js";

const GOAL_WORD: Record<string, string> = { fr: "BUT !", en: "GOAL!", es: "¡GOL!", de: "TOR!" };
const SETTLE_MS = 240_000;

let mocks: Mocks;
let log: NotificationLog;
let sql: pg.Client;
beforeAll(async () => {
  const setup = inject("nativePush");
  const [fcm, apns, expo] = await Promise.all([
    startMockFcm({ account: setup.fcmAccount }),
    startMockApns({ credentials: setup.apns }),
    startMockExpo(),
  ]);
  mocks = { fcm, apns, expo };
  await Promise.all([
    pointRelay(setup.relays.fcm, fcm.origin),
    pointRelay(setup.relays.apns, apns.origins.production),
    pointRelay(setup.relays.apnsSandbox, apns.origins.sandbox),
    pointRelay(setup.relays.expo, expo.origin),
  ]);
  log = await NotificationLog.open();
  sql = new pg.Client({ connectionString: inject("databaseUrl") });
  await sql.connect();
});
afterAll(async () => {
  await Promise.all([mocks?.fcm.close(), mocks?.apns.close(), mocks?.expo.close(), log?.close(), sql?.end()]);
});

const storedToken = async (deviceId: string) =>
  (
    await sql.query("select provider, token, environment from native_push_tokens where device_id = $1", [
      deviceId,
    ])
  ).rows[0];

describe("PUT /v1/devices/me/native-push-token", () => {
  it("refuses bad input with a 4xx and stores nothing", async () => {
    const device = (await call("POST", "/v1/devices", undefined, { locale: "fr" })).body;
    const bad: [unknown, number, string][] = [
      [{ provider: "apns", token: "abc123" }, 422, "token"],
      [{ provider: "apns", token: "g".repeat(64) }, 422, "token"],
      [{ provider: "apns", token: "ab".repeat(32), environment: "staging" }, 422, "environment"],
      [{ provider: "fcm", token: "has spaces in it and is long enough to be a token" }, 422, "token"],
      [{ provider: "fcm", token: mocks.fcm.newToken(), environment: "sandbox" }, 422, ""],
      [{ provider: "expo", token: "ExponentPushToken[]" }, 422, "token"],
      [{ provider: "wns", token: "x".repeat(64) }, 422, "provider"],
      [{ token: "ab".repeat(32) }, 422, "provider"],
      ["[]", 422, ""],
      ["{", 400, ""],
    ];
    for (const [body, status, field] of bad) {
      const res = await fetch(`${inject("baseUrl")}/v1/devices/me/native-push-token`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${device.token}`, "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const answer = (await res.json()) as { error: { code: string; issues: { path: unknown[] }[] } };
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(answer.error.code).toBe(status === 400 ? "invalid_json" : "validation_failed");
      if (field) expect(answer.error.issues[0]!.path[0], JSON.stringify(body)).toBe(field);
    }
    expect((await call("GET", "/v1/devices/me/native-push-token", device.token)).status).toBe(404);
    expect(await storedToken(device.device_id)).toBeUndefined();
    expect(
      (
        await call("PUT", "/v1/devices/me/native-push-token", undefined, {
          provider: "fcm",
          token: mocks.fcm.newToken(),
        })
      ).status,
    ).toBe(401);
  });

  it("stores, replaces, hands a reinstalled app's token to its new device, deletes, and is purged with the device", async () => {
    const [a, b] = [(await call("POST", "/v1/devices")).body, (await call("POST", "/v1/devices")).body];
    const apnsToken = "AB".repeat(32);
    const first = await call("PUT", "/v1/devices/me/native-push-token", a.token, {
      provider: "apns",
      token: apnsToken,
      environment: "sandbox",
    });
    expect(first).toMatchObject({
      status: 201,
      body: { provider: "apns", token: apnsToken.toLowerCase(), environment: "sandbox" },
    });
    expect(
      (
        await call("PUT", "/v1/devices/me/native-push-token", a.token, {
          provider: "apns",
          token: apnsToken,
          environment: "sandbox",
        })
      ).status,
    ).toBe(200);
    expect(await storedToken(a.device_id)).toEqual({
      provider: "apns",
      token: apnsToken.toLowerCase(),
      environment: "sandbox",
    });

    // The same install registered again as a new device: the token moves.
    expect(
      (await call("PUT", "/v1/devices/me/native-push-token", b.token, { provider: "apns", token: apnsToken }))
        .status,
    ).toBe(201);
    expect((await call("GET", "/v1/devices/me/native-push-token", a.token)).status).toBe(404);
    expect((await call("GET", "/v1/devices/me/native-push-token", b.token)).body).toMatchObject({
      provider: "apns",
      environment: "production",
    });

    const expoToken = mocks.expo.newToken();
    expect(
      (await call("PUT", "/v1/devices/me/native-push-token", a.token, { provider: "expo", token: expoToken }))
        .status,
    ).toBe(201);
    expect((await call("DELETE", "/v1/devices/me/native-push-token", a.token)).status).toBe(204);
    expect(await storedToken(a.device_id)).toBeUndefined();

    expect((await call("DELETE", "/v1/devices/me", b.token)).status).toBe(204);
    expect(await storedToken(b.device_id)).toBeUndefined();
  });
});

describe("a 2018 final replayed to React Native fans over FCM, APNs and Expo", () => {
  let fans: Record<
    "fcm" | "apns" | "sandbox" | "expo" | "fcmGone" | "apnsGone" | "fcmFlaky" | "apnsThrottled",
    NativeFan
  >;
  let goals: { goal: any; amendment: any }[];
  let rows: LogRow[];
  let matchId: string;

  beforeAll(async () => {
    const match = isolatedMatch("64");
    matchId = match.matchId;
    const [home, away] = [match.home.code, match.away.code];
    fans = {
      fcm: await registerNativeFan(mocks, "fcm", "fr", "fcm", [home]),
      apns: await registerNativeFan(mocks, "apns", "en", "apns", [away]),
      sandbox: await registerNativeFan(mocks, "sandbox", "es", "apns", [home], "sandbox"),
      expo: await registerNativeFan(mocks, "expo", "de", "expo", [away]),
      fcmGone: await registerNativeFan(mocks, "fcmGone", "en", "fcm", [home]),
      apnsGone: await registerNativeFan(mocks, "apnsGone", "fr", "apns", [away]),
      fcmFlaky: await registerNativeFan(mocks, "fcmFlaky", "fr", "fcm", [away]),
      apnsThrottled: await registerNativeFan(mocks, "apnsThrottled", "es", "apns", [home]),
    };
    mocks.fcm.script(fans.fcmGone.pushToken, [200, 404]); // one push, then the app is uninstalled
    mocks.apns.script(fans.apnsGone.pushToken, [200, 410]);
    mocks.fcm.script(fans.fcmFlaky.pushToken, [500]);
    mocks.apns.script(fans.apnsThrottled.pushToken, [{ status: 503, retryAfter: 3 }]);

    await replay(match, 600);
    const events = await readLog(matchId);
    const amended = new Map(
      events.filter((e) => e.event_type === "GOAL_AMENDED").map((e) => [e.metadata.causation_id, e]),
    );
    goals = events
      .filter((e) => e.event_type === "GOAL_SCORED")
      .map((goal) => ({ goal, amendment: amended.get(goal.event_id) }));
    expect(goals).toHaveLength(6);
    rows = await log.settled(
      matchId,
      events.map((e) => e.event_id),
      SETTLE_MS,
    );
  }, SETTLE_MS + 120_000);

  /** One notification per goal in the fan's language: the provisional push then its amendment under the same collapse key, or the amendment alone. */
  function expectOneVisiblePushPerGoal(fan: NativeFan) {
    const pushes = received(mocks, fan).filter((p) => p.tag.startsWith("goal-"));
    expect(new Set(pushes.map((p) => p.tag)), fan.name).toEqual(
      new Set(goals.map(({ goal }) => `goal-${goal.event_id}`)),
    );
    for (const { goal, amendment } of goals) {
      const mine = pushes.filter((p) => p.tag === `goal-${goal.event_id}`);
      expect(
        [[goal.event_id, amendment.event_id], [amendment.event_id]],
        `${fan.name}: ${mine.map((p) => p.eventId)}`,
      ).toContainEqual(mine.map((p) => p.eventId));
      if (fan.provider !== "expo") {
        expect(new Set(mine.map((p) => p.collapse)).size, fan.name).toBe(1);
        expect(mine[0]!.collapse).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      }
      for (const p of mine) {
        expect(p.high).toBe(true);
        expect(p.title, fan.name).toContain(GOAL_WORD[fan.locale]);
      }
      expect(`${mine.at(-1)!.title} ${mine.at(-1)!.body}`, fan.name).toContain(amendment.data.scorer.name);
    }
    const ids = received(mocks, fan).map((p) => p.eventId);
    expect(ids.length, `${fan.name} got a push twice`).toBe(new Set(ids).size);
  }
  const rowsOf = (fan: NativeFan) => rows.filter((r) => r.device_id === fan.deviceId);

  it("gives every fan exactly one push per goal in their language, the amendment replacing the provisional goal", () => {
    for (const fan of [fans.fcm, fans.apns, fans.sandbox, fans.expo, fans.fcmFlaky, fans.apnsThrottled])
      expectOneVisiblePushPerGoal(fan);
    expect(mocks.apns.deliveries(fans.sandbox.pushToken).every((d) => d.environment === "sandbox")).toBe(
      true,
    );
  });

  it("logs exactly what was delivered, and the account closes", () => {
    for (const fan of [fans.fcm, fans.apns, fans.sandbox, fans.expo, fans.fcmFlaky, fans.apnsThrottled]) {
      const mine = rowsOf(fan);
      expect(
        mine.every((r) => r.status === "delivered" || r.status === "superseded"),
        fan.name,
      ).toBe(true);
      expect(new Set(received(mocks, fan).map((p) => p.eventId)), fan.name).toEqual(
        new Set(mine.filter((r) => r.delivered_at !== null).map((r) => r.event_id)),
      );
    }
    const open = rows.filter((r) => r.status === "queued" || r.status === "retrying");
    expect(open).toEqual([]);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set([
        "delivered",
        "pruned",
        ...(rows.some((r) => r.status === "superseded") ? ["superseded"] : []),
      ]),
    );
  });

  it("prunes the token FCM calls UNREGISTERED and APNs calls Unregistered (410), and sends nothing more to it", async () => {
    for (const [fan, gone] of [
      [fans.fcmGone, 404],
      [fans.apnsGone, 410],
    ] as const) {
      const statuses = (
        fan.provider === "fcm" ? mocks.fcm.attempts(fan.pushToken) : mocks.apns.attempts(fan.pushToken)
      ).map((a) => a.status);
      expect(statuses, fan.name).toEqual([200, gone]);
      expect(await storedToken(fan.deviceId), fan.name).toBeUndefined();
      expect((await call("GET", "/v1/devices/me/native-push-token", fan.token)).status).toBe(404);
      const mine = rowsOf(fan);
      expect(
        mine.filter((r) => r.status === "pruned" && r.attempts === 1).map((r) => r.last_status),
        fan.name,
      ).toEqual([gone]);
      expect(mine.filter((r) => r.attempts > 0)).toHaveLength(2);
    }
  });

  it("retries a 500 from FCM and a 503 from APNs (after its Retry-After) and delivers", () => {
    const [failed] = mocks.fcm.attempts(fans.fcmFlaky.pushToken);
    expect(failed!.status).toBe(500);
    expect(
      rowsOf(fans.fcmFlaky)
        .filter((r) => r.attempts > 1)
        .map((r) => [r.status, r.attempts]),
    ).toEqual([["delivered", 2]]);

    const [throttled] = mocks.apns.attempts(fans.apnsThrottled.pushToken);
    expect(throttled!.status).toBe(503);
    const retried = rowsOf(fans.apnsThrottled).filter((r) => r.attempts > 1);
    expect(retried.map((r) => [r.status, r.attempts])).toEqual([["delivered", 2]]);
    const delivery = received(mocks, fans.apnsThrottled).find((p) => p.eventId === retried[0]!.event_id)!;
    expect(delivery.receivedAt - throttled!.at).toBeGreaterThanOrEqual(3_000);
  });

  it("authenticated every push: one OAuth grant for FCM, one APNs provider token", () => {
    expect(mocks.fcm.grants().length).toBeGreaterThanOrEqual(1);
    expect(new Set(mocks.fcm.deliveries().map((d) => d.accessToken)).size).toBe(mocks.fcm.grants().length);
    expect(new Set(mocks.apns.deliveries().map((d) => d.jwt.iat)).size).toBe(1);
  });
});
