// dispatch() for devices with a native token, as the Worker runs it (its SQL through the dev proxy on both local
// backends), against the strict mocks of FCM, APNs and Expo (test/src/mock-*), which verify every OAuth
// assertion, access token, provider token, header and payload with their own code.

import { devices, eq, nativePushTokens, notificationLog, pushSubscriptions } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import { generateVapidKeys } from "@buzz/web-push";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockApns, startMockApns } from "../../../../../test/src/mock-apns/index.js";
import { type MockExpo, startMockExpo } from "../../../../../test/src/mock-expo/index.js";
import { type MockFcm, startMockFcm } from "../../../../../test/src/mock-fcm/index.js";
import { type FakeMessage, message, settledAs as settled } from "../../testing/dispatch.js";
import type { NativeNotification, NativeTarget } from "../channel.js";
import { dispatch } from "../index.js";

describe.each(BACKENDS)("native dispatch on %s", (kind) => {
  const backend = useBackend(kind);
  let fcm: MockFcm;
  let apns: MockApns;
  let expo: MockExpo;
  let vapid: { publicKey: string; privateKey: string };
  const dlq: unknown[] = [];
  const env = (over: Record<string, unknown> = {}) =>
    ({
      ...backend.env,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:ops@buzz.example",
      PUSH_ENDPOINT_ALLOWLIST: "http://127.0.0.1",
      FCM_SERVICE_ACCOUNT: JSON.stringify(fcm.serviceAccount),
      FCM_BASE_URL: fcm.origin,
      APNS_KEY: apns.credentials.key,
      APNS_KEY_ID: apns.credentials.keyId,
      APNS_TEAM_ID: apns.credentials.teamId,
      APNS_TOPIC: apns.credentials.topic,
      APNS_BASE_URL: apns.origins.production,
      APNS_SANDBOX_BASE_URL: apns.origins.sandbox,
      EXPO_BASE_URL: expo.origin,
      NATIVE_PUSH_ALLOWLIST: "http://127.0.0.1",
      NOTIFICATIONS: { send: async () => {} },
      NOTIFICATIONS_DLQ: { send: async (body: unknown) => void dlq.push(body) },
      ...over,
    }) as unknown as Env;
  const run = backend.run;
  const consume = async (messages: FakeMessage[], environment = env()) => {
    const ctx = testContext();
    await dispatch(
      { queue: "notifications", messages, ackAll() {}, retryAll() {} } as unknown as MessageBatch,
      environment,
      ctx as unknown as ExecutionContext,
    );
    await ctx.settle();
  };

  /** A device with a native token and one routed notification for it. */
  async function routed(native: NativeTarget, urgency: "high" | "normal" = "high") {
    const eventId = crypto.randomUUID();
    const [device] = await run((db) =>
      db.insert(devices).values({ tokenHash: crypto.randomUUID(), locale: "fr" }).returning(),
    );
    await run((db) =>
      db.insert(nativePushTokens).values({
        deviceId: device!.id,
        provider: native.provider,
        token: native.token,
        environment: native.environment ?? null,
        failureCount: 2,
      }),
    );
    await run((db) =>
      db.insert(notificationLog).values({ eventId, deviceId: device!.id, matchId: "wc2018-final" }),
    );
    const body: NativeNotification = {
      event_id: eventId,
      match_id: "wc2018-final",
      device_id: device!.id,
      native,
      payload: {
        title: "⚽ BUT ! Griezmann (France) — 2-1 [38']",
        body: "Penalty · Coupe du Monde 2018",
        tag: `goal-${eventId}`,
        data: {
          event_id: eventId,
          match_id: "wc2018-final",
          sequence_number: 9,
          url: "/#/matches/wc2018-final",
        },
      },
      ttl: 300,
      urgency,
      topic: `g${eventId.replace(/-/g, "").slice(0, 31)}`,
      routed_at: new Date().toISOString(),
    };
    return { deviceId: device!.id, body };
  }
  const logRow = async (n: { body: NativeNotification }) =>
    (
      await run((db) => db.select().from(notificationLog).where(eq(notificationLog.eventId, n.body.event_id)))
    )[0]!;
  const tokenRow = async (n: { deviceId: string }) =>
    (
      await run((db) => db.select().from(nativePushTokens).where(eq(nativePushTokens.deviceId, n.deviceId)))
    )[0];

  beforeAll(async () => {
    [fcm, apns, expo, vapid] = await Promise.all([
      startMockFcm(),
      startMockApns(),
      startMockExpo(),
      generateVapidKeys(),
    ]);
    for (const level of ["log", "warn", "error"] as const)
      vi.spyOn(console, level).mockImplementation(() => {});
  }, 90_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all([fcm?.close(), apns?.close(), expo?.close()]);
  });

  it("FCM: one OAuth grant, then the message with its notification, string data, priority, TTL and collapse key", async () => {
    const [a, b] = [
      await routed({ provider: "fcm", token: fcm.newToken() }),
      await routed({ provider: "fcm", token: fcm.newToken() }, "normal"),
    ];
    const [ma, mb] = [message(a.body), message(b.body)];
    await consume([ma, mb]);
    expect([settled(ma), settled(mb)]).toEqual(["ack", "ack"]);
    expect(fcm.grants()).toHaveLength(1); // the access token is cached, not fetched per push
    expect(fcm.grants()[0]).toMatchObject({
      iss: fcm.serviceAccount.client_email,
      aud: fcm.serviceAccount.token_uri,
      scope: "https://www.googleapis.com/auth/firebase.messaging",
    });
    const [delivery] = fcm.deliveries(a.body.native.token);
    expect(delivery!.message).toMatchObject({
      notification: { title: a.body.payload.title, body: a.body.payload.body },
      data: {
        event_id: a.body.event_id,
        match_id: "wc2018-final",
        sequence_number: "9",
        url: "/#/matches/wc2018-final",
        tag: a.body.payload.tag,
      },
      android: { priority: "high", collapse_key: a.body.topic, notification: { tag: a.body.payload.tag } },
      apns: { headers: { "apns-collapse-id": a.body.topic, "apns-priority": "10" } },
    });
    expect(parseInt(delivery!.message.android!.ttl!, 10)).toBeGreaterThan(290);
    expect(fcm.deliveries(b.body.native.token)[0]!.message.android).toMatchObject({ priority: "normal" });
    expect(await logRow(a)).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200 });
    expect(await tokenRow(a)).toMatchObject({ failureCount: 0, lastSuccessAt: expect.any(Date) });
  });

  it("sends through the device's native token when it also has a Web Push subscription, reading both from Postgres", async () => {
    const n = await routed({ provider: "fcm", token: fcm.newToken() });
    // A subscription nothing listens at: a Web Push attempt would fail and be retried.
    await run((db) =>
      db
        .insert(pushSubscriptions)
        .values({ deviceId: n.deviceId, endpoint: "http://127.0.0.1:9/push/unused", p256dh: "p", auth: "a" }),
    );
    const { native, ...onTheQueue } = n.body; // route's message names the device only
    const m = message(onTheQueue);
    await consume([m]);
    expect(settled(m)).toBe("ack");
    expect(fcm.deliveries(native.token)).toHaveLength(1);
    expect(await logRow(n)).toMatchObject({ status: "delivered", lastStatus: 200 });
  });

  it("FCM: a revoked access token (401) is replaced once and the push goes through", async () => {
    const n = await routed({ provider: "fcm", token: fcm.newToken() });
    const grants = fcm.grants().length;
    fcm.revokeAccessTokens();
    const m = message(n.body);
    await consume([m]);
    expect(settled(m)).toBe("ack");
    expect(fcm.attempts(n.body.native.token).map((a) => a.status)).toEqual([401, 200]);
    expect(fcm.grants()).toHaveLength(grants + 1);
  });

  it("FCM: UNREGISTERED and a token FCM never issued prune the token; 503 is retried after Retry-After", async () => {
    const gone = await routed({ provider: "fcm", token: fcm.newToken() });
    fcm.unregister(gone.body.native.token);
    const bogus = await routed({ provider: "fcm", token: `bogus:APA91b${"z".repeat(60)}` });
    const busy = await routed({ provider: "fcm", token: fcm.newToken() });
    fcm.script(busy.body.native.token, [{ status: 503, retryAfter: 30 }]);
    const [mg, mx, mb] = [message(gone.body), message(bogus.body), message(busy.body)];
    await consume([mg, mx, mb]);
    expect([settled(mg), settled(mx)]).toEqual(["ack", "ack"]);
    expect(await logRow(gone)).toMatchObject({ status: "pruned", lastStatus: 404 });
    expect(await logRow(bogus)).toMatchObject({ status: "pruned", lastStatus: 400 });
    expect([await tokenRow(gone), await tokenRow(bogus)]).toEqual([undefined, undefined]);
    expect((mb.retry.mock.calls[0]![0] as QueueRetryOptions).delaySeconds).toBeGreaterThanOrEqual(30);
    expect(await logRow(busy)).toMatchObject({ status: "retrying", lastStatus: 503 });
    expect(await tokenRow(busy)).toMatchObject({ failureCount: 3 });
    const again = message(busy.body, 2);
    await consume([again]);
    expect(settled(again)).toBe("ack");
    expect(await logRow(busy)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("APNs: a provider token reused across pushes, the alert with topic, priority, expiration and collapse id, per environment", async () => {
    const prod = await routed({ provider: "apns", token: apns.newToken(), environment: "production" });
    const sandbox = await routed(
      { provider: "apns", token: apns.newToken("sandbox"), environment: "sandbox" },
      "normal",
    );
    const [mp, ms] = [message(prod.body), message(sandbox.body)];
    await consume([mp, ms]);
    expect([settled(mp), settled(ms)]).toEqual(["ack", "ack"]);
    const [p] = apns.deliveries(prod.body.native.token);
    const [s] = apns.deliveries(sandbox.body.native.token);
    expect(p).toMatchObject({
      environment: "production",
      headers: {
        topic: apns.credentials.topic,
        pushType: "alert",
        priority: 10,
        collapseId: prod.body.topic,
      },
    });
    expect(p!.payload).toMatchObject({
      aps: {
        alert: { title: prod.body.payload.title, body: prod.body.payload.body },
        "thread-id": "wc2018-final",
      },
      tag: prod.body.payload.tag,
      data: prod.body.payload.data,
    });
    expect(p!.headers.expiration - Date.now() / 1000).toBeGreaterThan(280);
    expect(s).toMatchObject({ environment: "sandbox", headers: { priority: 5 } });
    expect(p!.jwt).toMatchObject({ kid: apns.credentials.keyId, iss: apns.credentials.teamId });
    expect(s!.jwt.iat).toBe(p!.jwt.iat);
  });

  it("APNs: 410 Unregistered and BadDeviceToken prune the token; 500 is retried", async () => {
    const gone = await routed({ provider: "apns", token: apns.newToken() });
    apns.unregister(gone.body.native.token);
    // Registered with the sandbox, stored as production: APNs production calls it a bad token.
    const wrongEnv = await routed({
      provider: "apns",
      token: apns.newToken("sandbox"),
      environment: "production",
    });
    const flaky = await routed({ provider: "apns", token: apns.newToken() });
    apns.script(flaky.body.native.token, [500]);
    const [mg, mw, mf] = [message(gone.body), message(wrongEnv.body), message(flaky.body)];
    await consume([mg, mw, mf]);
    expect(await logRow(gone)).toMatchObject({ status: "pruned", lastStatus: 410 });
    expect(await logRow(wrongEnv)).toMatchObject({ status: "pruned", lastStatus: 400 });
    expect([await tokenRow(gone), await tokenRow(wrongEnv)]).toEqual([undefined, undefined]);
    expect(settled(mf)).toMatchObject({ retry: { delaySeconds: expect.any(Number) } });
    expect(await logRow(flaky)).toMatchObject({ status: "retrying", lastStatus: 500 });
  });

  it("Expo: delivered with a ticket; DeviceNotRegistered prunes the token", async () => {
    const ok = await routed({ provider: "expo", token: expo.newToken() });
    const gone = await routed({ provider: "expo", token: expo.newToken() });
    expo.unregister(gone.body.native.token);
    await consume([message(ok.body), message(gone.body)]);
    expect(expo.deliveries(ok.body.native.token)[0]!.message).toMatchObject({
      title: ok.body.payload.title,
      priority: "high",
      data: { tag: ok.body.payload.tag },
    });
    expect(await logRow(ok)).toMatchObject({ status: "delivered" });
    expect(await logRow(gone)).toMatchObject({ status: "pruned" });
    expect(await tokenRow(gone)).toBeUndefined();
  });

  it("dead-letters, with the reason, a push to a provider that is not configured or not on the allow-list", async () => {
    const unconfigured = await routed({ provider: "apns", token: apns.newToken() });
    const m = message(unconfigured.body);
    await consume([m], env({ APNS_KEY: undefined }));
    expect(settled(m)).toBe("ack");
    expect(await logRow(unconfigured)).toMatchObject({ status: "dead", attempts: 0 });
    expect(dlq.at(-1)).toMatchObject({
      reason: "native_push_not_configured: apns: APNS_KEY not set",
      message_id: m.id,
    });

    const outside = await routed({ provider: "fcm", token: fcm.newToken() });
    const o = message(outside.body);
    await consume(
      [o],
      env({ NATIVE_PUSH_ALLOWLIST: "https://fcm.googleapis.com,https://oauth2.googleapis.com" }),
    );
    expect(fcm.attempts(outside.body.native.token)).toEqual([]);
    expect(dlq.at(-1)).toMatchObject({ reason: expect.stringContaining("is not on NATIVE_PUSH_ALLOWLIST") });
  });
});
