// dispatch() as the Worker runs it — its SQL through the dev proxy and the Neon driver on both local backends —
// sending to the strict mock push service (test/src/mock-push), which decrypts every message with the
// subscription's private key and verifies every VAPID token with its own code.

import { and, devices, eq, eventArchive, notificationLog, pushSubscriptions } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import {
  type DeadLetter,
  laneOf,
  MAX_RECIPIENTS,
  type NotificationGroup,
  type NotificationMessage,
  packNotifications,
} from "@buzz/queue";
import { generateVapidKeys } from "@buzz/web-push";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockPush, startMockPush } from "../../../../test/src/mock-push/index.js";
import { type FakeMessage, message, settledAs as settled } from "../testing/dispatch.js";
import { dispatch } from "./index.js";
import { MAX_ATTEMPTS } from "./outcome.js";

/** A producer binding that keeps what was sent. */
const fakeQueue = () => {
  const sent: unknown[] = [];
  const options: (QueueSendOptions | undefined)[] = [];
  const send = async (body: unknown, o?: QueueSendOptions) => void (sent.push(body), options.push(o));
  return { sent, options, queue: { send } as unknown as Queue };
};

describe.each(BACKENDS)("dispatch on %s", (kind) => {
  const backend = useBackend(kind);
  let push: MockPush;
  let vapid: { publicKey: string; privateKey: string };
  const dlq = fakeQueue();
  const requeued = fakeQueue();
  const env = (over: Record<string, unknown> = {}) =>
    ({
      ...backend.env,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:ops@buzz.example",
      PUSH_ENDPOINT_ALLOWLIST: "https://fcm.googleapis.com,http://127.0.0.1",
      NOTIFICATIONS: requeued.queue,
      NOTIFICATIONS_DLQ: dlq.queue,
      ...over,
    }) as unknown as Env;

  const run = backend.run;
  const consume = async (messages: FakeMessage[], environment = env()) => {
    const ctx = testContext();
    const batch = { queue: "notifications", messages, ackAll: () => {}, retryAll: () => {} };
    await dispatch(batch as unknown as MessageBatch, environment, ctx as unknown as ExecutionContext);
    await ctx.settle();
  };

  /** A device with a mock subscription (bound to our VAPID key, like a browser's) and one routed notification. */
  async function routed(eventId = crypto.randomUUID()) {
    const sub = push.newSubscription({ applicationServerKey: vapid.publicKey });
    const [device] = await run((db) =>
      db.insert(devices).values({ tokenHash: crypto.randomUUID(), locale: "fr" }).returning(),
    );
    await run((db) =>
      db.insert(pushSubscriptions).values({
        deviceId: device!.id,
        endpoint: sub.endpoint,
        p256dh: sub.keys.p256dh,
        auth: sub.keys.auth,
        failureCount: 2,
      }),
    );
    await run((db) =>
      db.insert(notificationLog).values({ eventId, deviceId: device!.id, matchId: "wc2018-final" }),
    );
    return { sub, deviceId: device!.id, body: notification(eventId, device!.id) };
  }
  const logRow = async (n: { body: NotificationMessage }) =>
    (
      await run((db) => db.select().from(notificationLog).where(eq(notificationLog.eventId, n.body.event_id)))
    )[0]!;
  const subRow = async (n: { deviceId: string }) =>
    (
      await run((db) => db.select().from(pushSubscriptions).where(eq(pushSubscriptions.deviceId, n.deviceId)))
    )[0];

  beforeAll(async () => {
    [push, vapid] = await Promise.all([startMockPush(), generateVapidKeys()]);
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
  }, 90_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await push?.close();
  });

  it("delivers a push the phone can decrypt, with TTL, Urgency and Topic, and writes it down", async () => {
    const n = await routed();
    const m = message(n.body);
    await consume([m]);

    expect(settled(m)).toBe("ack");
    const [delivery] = push.deliveries(n.sub.endpoint);
    expect(delivery).toMatchObject({
      payload: n.body.payload,
      urgency: "high",
      topic: n.body.topic,
      vapid: { sub: "mailto:ops@buzz.example", publicKey: vapid.publicKey },
    });
    expect(delivery!.ttl).toBeGreaterThan(290);
    expect(delivery!.ttl).toBeLessThanOrEqual(300);
    const row = await logRow(n);
    expect(row).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 201 });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(await subRow(n)).toMatchObject({ failureCount: 0, lastSuccessAt: row.deliveredAt });

    // Redelivered by the queue: acked without a second push.
    const again = message(n.body, 2);
    await consume([again]);
    expect(settled(again)).toBe("ack");
    expect(push.attempts(n.sub.endpoint)).toHaveLength(1);
  });

  it("prunes a subscription the push service calls gone (410)", async () => {
    const n = await routed();
    push.unsubscribe(n.sub.endpoint);
    const m = message(n.body);
    await consume([m]);
    expect(settled(m)).toBe("ack");
    expect(await logRow(n)).toMatchObject({ status: "pruned", attempts: 1, lastStatus: 410 });
    expect(await subRow(n)).toBeUndefined();
  });

  it("retries a 500 with backoff and delivers on the next attempt", async () => {
    const n = await routed();
    push.script(n.sub.endpoint, [500]);
    const first = message(n.body);
    await consume([first]);
    const delay = (first.retry.mock.calls[0]![0] as QueueRetryOptions).delaySeconds!;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(2);
    expect(await logRow(n)).toMatchObject({ status: "retrying", attempts: 1, lastStatus: 500 });
    expect(await subRow(n)).toMatchObject({ failureCount: 3 });

    const second = message(n.body, 2);
    await consume([second]);
    expect(settled(second)).toBe("ack");
    expect(await logRow(n)).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 201 });
    expect(push.deliveries(n.sub.endpoint)).toHaveLength(1);
    expect(await subRow(n)).toMatchObject({ failureCount: 0 });
  });

  it("waits at least Retry-After on a 429", async () => {
    const n = await routed();
    push.script(n.sub.endpoint, [{ status: 429, retryAfter: 45 }]);
    const m = message(n.body);
    await consume([m]);
    expect((m.retry.mock.calls[0]![0] as QueueRetryOptions).delaySeconds).toBeGreaterThanOrEqual(45);
    expect(await logRow(n)).toMatchObject({ status: "retrying", lastStatus: 429 });
  });

  it(`says dead after a failure on the last attempt (${MAX_ATTEMPTS}), and leaves the move to notifications-dlq to the platform`, async () => {
    const n = await routed();
    push.script(n.sub.endpoint, [503]);
    const m = message(n.body, MAX_ATTEMPTS);
    await consume([m]);
    expect(settled(m)).toEqual({ retry: { delaySeconds: 0 } });
    expect(await logRow(n)).toMatchObject({ status: "dead", lastStatus: 503 });
  });

  it("refuses an endpoint outside the allow-list without a request: dead, with the reason in notifications-dlq", async () => {
    const n = await routed();
    const m = message(n.body);
    await consume([m], env({ PUSH_ENDPOINT_ALLOWLIST: "https://fcm.googleapis.com" }));
    expect(settled(m)).toBe("ack");
    expect(push.attempts(n.sub.endpoint)).toEqual([]);
    expect(await logRow(n)).toMatchObject({ status: "dead", attempts: 0 });
    expect(dlq.sent.at(-1)).toMatchObject({
      reason: expect.stringMatching(/^endpoint_not_allowed: /),
      queue: "notifications",
      message_id: m.id,
      body: n.body,
    });
  });

  describe("a message for many devices", () => {
    const groupOf = async (size: number, attempts = 0) => {
      const eventId = crypto.randomUUID();
      const devices = [];
      for (let i = 0; i < size; i++) devices.push(await routed(eventId));
      const [group] = packNotifications(
        devices.map((d) => d.body),
        MAX_RECIPIENTS,
        { attempts },
      );
      return { devices, group: group! };
    };
    const statusOf = async (n: { body: NotificationMessage }) =>
      (
        await run((db) =>
          db
            .select()
            .from(notificationLog)
            .where(
              and(
                eq(notificationLog.eventId, n.body.event_id),
                eq(notificationLog.deviceId, n.body.device_id),
              ),
            ),
        )
      )[0]!;

    it("delivers each recipient, re-queues only the one that failed, and sends it alone later", async () => {
      const { devices, group } = await groupOf(3);
      push.script(devices[1]!.sub.endpoint, [500]);
      const m = message(group);
      await consume([m]);

      expect(settled(m)).toBe("ack");
      const rows = await Promise.all(devices.map(statusOf));
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([
        ["delivered", 1],
        ["retrying", 1],
        ["delivered", 1],
      ]);
      const retry = requeued.sent.at(-1) as NotificationGroup;
      expect(retry.recipients.map((r) => r.device_id)).toEqual([devices[1]!.deviceId]);
      expect(retry.attempts).toBe(1);
      expect(requeued.options.at(-1)).toMatchObject({ contentType: "json" });
      expect(requeued.options.at(-1)!.delaySeconds).toBeGreaterThanOrEqual(1);

      const again = message(retry);
      await consume([again, message(group, 2)]);
      expect(settled(again)).toBe("ack");
      expect(devices.map((d) => push.deliveries(d.sub.endpoint).length)).toEqual([1, 1, 1]);
      expect((await statusOf(devices[1]!)).status).toBe("delivered");
      expect(push.deliveries(devices[1]!.sub.endpoint)[0]!.payload).toEqual(devices[1]!.body.payload);
    });

    it("re-queues a recipient on its device's lane", async () => {
      const { devices, group } = await groupOf(3);
      const failing = devices[1]!.deviceId;
      // As many lanes as put this device past the first (so sending to the first lane would fail this test).
      let count = 2;
      while (laneOf(failing, count) === 0) count++;
      const lanes = [requeued, ...Array.from({ length: count - 1 }, fakeQueue)];
      const bound = Object.fromEntries(lanes.slice(1).map((q, k) => [`NOTIFICATIONS_${k + 1}`, q.queue]));
      push.script(devices[1]!.sub.endpoint, [500]);
      const before = requeued.sent.length;
      await consume([message(group)], env(bound));

      const sent = lanes.map((q, k) => q.sent.slice(k === 0 ? before : 0));
      const lane = laneOf(failing, count);
      expect(sent.map((list) => list.length)).toEqual(lanes.map((_, k) => (k === lane ? 1 : 0)));
      expect((sent[lane]![0] as NotificationGroup).recipients.map((r) => r.device_id)).toEqual([failing]);
    });

    it(`dead-letters a recipient failing on attempt ${MAX_ATTEMPTS} with its own notification, as the platform would have`, async () => {
      const { devices, group } = await groupOf(2, MAX_ATTEMPTS - 1);
      push.script(devices[0]!.sub.endpoint, [503]);
      const queued = requeued.sent.length;
      const m = message(group);
      await consume([m]);

      expect(settled(m)).toBe("ack");
      expect(requeued.sent).toHaveLength(queued);
      expect((await statusOf(devices[0]!)).status).toBe("dead");
      expect((await statusOf(devices[1]!)).status).toBe("delivered");
      expect(dlq.sent.at(-1)).toMatchObject({
        reason: "retries_exhausted",
        queue: "notifications",
        attempts: MAX_ATTEMPTS,
        message_id: `${m.id}/${devices[0]!.deviceId}`,
        body: { ...devices[0]!.body, routed_at: group.routed_at },
      } satisfies Partial<DeadLetter>);
    });
  });

  it("sends nothing and retries everything while Postgres cannot be reached past the hold", async () => {
    const n = await routed();
    const m = message(n.body, 2);
    await consume(
      [m],
      env({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/postgres", POSTGRES_OUTAGE_HOLD_SECONDS: "1" }),
    );
    expect(push.attempts(n.sub.endpoint)).toEqual([]);
    expect(m.retry).toHaveBeenCalledOnce();
    expect(await logRow(n)).toMatchObject({ status: "queued", attempts: 0 });
  });

  /** Cuts Postgres off now and gives it back after 1.5 s. */
  function blip() {
    backend.proxy.pause();
    const back = setTimeout(() => backend.proxy.resume(), 1_500);
    return () => {
      clearTimeout(back);
      backend.proxy.resume();
    };
  }

  it("holds the batch through a short outage and pushes when Postgres answers again: no retry", async () => {
    const n = await routed();
    const m = message(n.body);
    const end = blip();
    try {
      await consume([m], env({ POSTGRES_OUTAGE_HOLD_SECONDS: "20" }));
    } finally {
      end();
    }
    expect(settled(m)).toBe("ack");
    expect(push.deliveries(n.sub.endpoint)).toHaveLength(1);
    expect(await logRow(n)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("writes the outcomes of pushes already sent once Postgres is back, instead of carrying them on the queue", async () => {
    const n = await routed();
    const m = message(n.body);
    let end = () => {};
    // The mock counts the attempt before it answers: Postgres goes before dispatch hears the 201.
    const cut = push.waitForAttempts(1, { endpoint: n.sub.endpoint }).then(() => {
      end = blip();
    });
    const carried = requeued.sent.length;
    try {
      await consume([m], env({ POSTGRES_OUTAGE_HOLD_SECONDS: "20" }));
      await cut;
    } finally {
      end();
    }
    expect(settled(m)).toBe("ack");
    expect(requeued.sent.length).toBe(carried);
    expect(push.deliveries(n.sub.endpoint)).toHaveLength(1);
    expect(await logRow(n)).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 201 });
  });

  it("does not put a goal's provisional push back on the phone after its amendment was delivered", async () => {
    const goal = await routed();
    const amendmentId = crypto.randomUUID();
    const archived = (eventId: string, sequence: number, type: string, causation: string | null) => ({
      eventId,
      matchId: "wc2018-final",
      sequenceNumber: sequence,
      eventType: type,
      occurredAt: new Date(),
      receivedAt: new Date(),
      publishedAt: new Date(),
      body: { event_id: eventId, event_type: type, metadata: { causation_id: causation } },
    });
    await run((db) =>
      db
        .insert(eventArchive)
        .values([
          archived(goal.body.event_id, 9, "GOAL_SCORED", null),
          archived(amendmentId, 10, "GOAL_AMENDED", goal.body.event_id),
        ]),
    );
    await run((db) =>
      db
        .insert(notificationLog)
        .values({ eventId: amendmentId, deviceId: goal.deviceId, matchId: "wc2018-final" }),
    );
    const amendment = {
      ...goal.body,
      event_id: amendmentId,
      payload: {
        ...goal.body.payload,
        data: { ...goal.body.payload.data, event_id: amendmentId, sequence_number: 10 },
      },
    };

    // The goal is retrying (a 500); its amendment waits for it rather than overtake it.
    push.script(goal.sub.endpoint, [500]);
    await consume([message(goal.body)]);
    const early = message(amendment);
    await consume([early]);
    expect(early.retry).toHaveBeenCalledOnce();
    expect(push.attempts(goal.sub.endpoint)).toHaveLength(1);

    // Upstream retries reorder too: the amendment is delivered (on its last attempt), the goal comes back after it.
    const last = message(amendment, MAX_ATTEMPTS);
    await consume([last]);
    expect(settled(last)).toBe("ack");
    const late = message(goal.body, 2);
    await consume([late]);
    expect(settled(late)).toBe("ack");
    expect(
      push
        .deliveries(goal.sub.endpoint)
        .map((d) => (d.payload as NotificationMessage["payload"]).data.event_id),
    ).toEqual([amendmentId]);
    expect(await logRow(goal)).toMatchObject({
      status: "superseded",
      attempts: 1,
      lastStatus: 500,
      deliveredAt: null,
    });
  });

  it("writes outcomes carried on the queue, and does not send their notification again", async () => {
    const n = await routed();
    const at = new Date("2026-06-01T12:00:00.000Z");
    const record = {
      kind: "dispatch_outcome",
      log: {
        event_id: n.body.event_id,
        device_id: n.deviceId,
        status: "delivered",
        requests: 1,
        last_status: 201,
        delivered_at: at.toISOString(),
      },
      channel: {
        channel: { kind: "web", endpoint: n.sub.endpoint },
        gone: false,
        success_at: at.toISOString(),
        failures: 0,
      },
    };
    const [carried, duplicate] = [message(record), message(n.body, 2)];
    await consume([carried, duplicate]);
    expect([settled(carried), settled(duplicate)]).toEqual(["ack", "ack"]);
    expect(push.attempts(n.sub.endpoint)).toEqual([]);
    expect(await logRow(n)).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatus: 201,
      deliveredAt: at,
    });
    expect(await subRow(n)).toMatchObject({ failureCount: 0, lastSuccessAt: at });
  });
});

function notification(eventId: string, deviceId: string): NotificationMessage {
  return {
    event_id: eventId,
    match_id: "wc2018-final",
    device_id: deviceId,
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
    urgency: "high",
    topic: `g${eventId.replace(/-/g, "").slice(0, 31)}`,
    routed_at: new Date().toISOString(),
  };
}
