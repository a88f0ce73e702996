// The dead-letter recorder against both local backends, through the dev proxy and the Neon driver.
import { createServer } from "node:net";
import {
  and,
  type DbEnv,
  deadLetters,
  devices,
  eq,
  notificationLog,
  webhookDeliveries,
  webhooks,
} from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import { afterEach, describe, expect, it, type Mock, vi } from "vitest";
import { recordDeadLetters } from "./index.js";

interface FakeMessage {
  id: string;
  timestamp: Date;
  body: unknown;
  attempts: number;
  ack: Mock<() => void>;
  retry: Mock<(options?: QueueRetryOptions) => void>;
}

const message = (id: string, body: unknown, attempts = 1): FakeMessage => ({
  id,
  timestamp: new Date("2026-06-01T12:00:00.000Z"),
  body,
  attempts,
  ack: vi.fn<() => void>(),
  retry: vi.fn<(options?: QueueRetryOptions) => void>(),
});

/** A MessageBatch as the runtime hands it over, with the calls recorded. */
function batchOf(queue: string, messages: FakeMessage[]) {
  const ackAll = () =>
    messages.forEach((m) => {
      m.ack();
    });
  const retryAll = (options?: QueueRetryOptions) =>
    messages.forEach((m) => {
      m.retry(options);
    });
  return { queue, messages, ackAll, retryAll };
}
type FakeBatch = ReturnType<typeof batchOf>;

const uuid = () => crypto.randomUUID();
const quiet = () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
};

describe.each(BACKENDS)("recordDeadLetters on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;
  const record = async (
    batch: FakeBatch,
    env: DbEnv & { POSTGRES_OUTAGE_HOLD_SECONDS?: string } = backend.env,
  ) => {
    const ctx = testContext();
    await recordDeadLetters(
      batch as unknown as MessageBatch,
      env as unknown as Env,
      ctx as unknown as ExecutionContext,
    );
    await ctx.settle();
  };
  /** Devices with a notification_log row each for the event: one retrying, one delivered, then any more retrying. */
  const logged = async (eventId: string, retrying: number[]) => {
    const rows = await run(async (db) =>
      db
        .insert(devices)
        .values(Array.from({ length: retrying.length + 1 }, () => ({ tokenHash: `dl-${uuid()}` })))
        .returning(),
    );
    const [a, b, ...rest] = rows.map((r) => r.id) as [string, string, ...string[]];
    await run((db) =>
      db.insert(notificationLog).values([
        { eventId, deviceId: a, matchId: "m-dl", status: "retrying", attempts: retrying[0]! },
        { eventId, deviceId: b, matchId: "m-dl", status: "delivered", attempts: 1, deliveredAt: new Date() },
        ...rest.map((deviceId, k) => ({
          eventId,
          deviceId,
          matchId: "m-dl",
          status: "retrying" as const,
          attempts: retrying[k + 1]!,
        })),
      ]),
    );
    return [a, b, ...rest] as const;
  };
  const statusesOf = async (eventId: string) => {
    const rows = await run((db) =>
      db
        .select({ deviceId: notificationLog.deviceId, status: notificationLog.status })
        .from(notificationLog)
        .where(eq(notificationLog.eventId, eventId)),
    );
    return Object.fromEntries(rows.map((s) => [s.deviceId, s.status]));
  };
  const rowsOf = (messageId: string) =>
    run((db) => db.select().from(deadLetters).where(eq(deadLetters.messageId, messageId)));

  afterEach(() => vi.restoreAllMocks());

  it("stores a consumer's poison letter unwrapped, and a message the platform moved as it came, then acks both", async () => {
    quiet();
    const eventId = uuid();
    const original = { event_id: eventId, sequence_number: 0, event_type: "GOAL_SCORED" };
    const poison = {
      reason: "invalid_event",
      queue: "match-events",
      message_id: `src-${uuid()}`,
      attempts: 2,
      enqueued_at: "2026-06-01T11:59:59.000Z",
      dead_lettered_at: "2026-06-01T12:00:00.000Z",
      issues: [{ path: ["sequence_number"], message: "too small" }],
      body: original,
    };
    const movedId = `moved-${uuid()}`;
    const batch = batchOf("match-events-dlq", [
      message(`dlq-${uuid()}`, poison),
      message(movedId, { event_id: eventId, sequence_number: 7 }),
    ]);

    await record(batch);

    expect(
      batch.messages.every((m) => m.ack.mock.calls.length === 1 && m.retry.mock.calls.length === 0),
    ).toBe(true);
    const [letter] = await rowsOf(poison.message_id);
    expect(letter).toMatchObject({
      queue: "match-events-dlq",
      sourceQueue: "match-events",
      reason: "invalid_event",
      attempts: 2,
      eventId,
      state: "dead",
      issues: poison.issues,
      enqueuedAt: new Date(poison.enqueued_at),
      redrivenAt: null,
    });
    expect(JSON.parse(letter!.body)).toEqual(original); // what a redrive sends back
    const [moved] = await rowsOf(movedId);
    expect(moved).toMatchObject({
      sourceQueue: "match-events",
      reason: null,
      attempts: null,
      issues: null,
      eventId,
      enqueuedAt: batch.messages[1]!.timestamp,
    });
    expect(JSON.parse(moved!.body)).toEqual({ event_id: eventId, sequence_number: 7 });
  });

  it("stores a message once however often it arrives", async () => {
    quiet();
    const id = `twice-${uuid()}`;
    const body = { event: { event_id: uuid() }, derived: {}, enriched_at: "2026-06-01T12:00:00.000Z" };
    await record(batchOf("match-events-enriched-dlq", [message(id, body)]));
    const again = batchOf("match-events-enriched-dlq", [message(id, body, 2)]);
    await record(again);

    expect(again.messages[0]!.ack).toHaveBeenCalledOnce();
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sourceQueue: "match-events-enriched", eventId: body.event.event_id });
  });

  it("marks a dead notification `dead` in the log, and leaves a delivered one alone", async () => {
    quiet();
    const eventId = uuid();
    const [a, b, c] = await logged(eventId, [7, 2]);
    const notification = (deviceId: string) => ({
      event_id: eventId,
      match_id: "m-dl",
      device_id: deviceId,
      payload: { title: "t" },
    });

    // a's push was claimed by the message that died (dispatch/claim.ts): its death frees the row for a redrive.
    await run((db) =>
      db
        .update(notificationLog)
        .set({ claimedBy: "n-died", claimedUntil: new Date(Date.now() + 60_000) })
        .where(and(eq(notificationLog.eventId, eventId), eq(notificationLog.deviceId, a))),
    );
    // An outcome record dispatch carried for a push that did happen: it settles nothing, so c stays in flight.
    const carried = {
      kind: "dispatch_outcome",
      log: { event_id: eventId, device_id: c!, status: "delivered" },
      subscription: null,
    };
    await record(
      batchOf("notifications-dlq", [
        message(`n-${uuid()}`, notification(a)),
        message(`n-${uuid()}`, notification(b)),
        message(`n-${uuid()}`, carried),
      ]),
    );

    expect(await statusesOf(eventId)).toEqual({ [a]: "dead", [b]: "delivered", [c!]: "retrying" });
    const [claim] = await run((db) =>
      db
        .select({ by: notificationLog.claimedBy, until: notificationLog.claimedUntil })
        .from(notificationLog)
        .where(and(eq(notificationLog.eventId, eventId), eq(notificationLog.deviceId, a))),
    );
    expect(claim).toEqual({ by: null, until: null });
    const letters = await run((db) => db.select().from(deadLetters).where(eq(deadLetters.eventId, eventId)));
    expect(letters.map((l) => l.sourceQueue)).toEqual(["notifications", "notifications", "notifications"]);
  });

  it("marks each recipient of a dead group `dead`, and leaves a delivered one alone", async () => {
    quiet();
    const eventId = uuid();
    const [a, b] = await logged(eventId, [3]);
    // What the platform moves after a group's message failed as a whole on its last retry.
    const group = {
      event_id: eventId,
      match_id: "m-dl",
      payloads: [{ title: "t" }],
      recipients: [a, b].map((device_id) => ({ device_id, payload: 0 })),
      attempts: 0,
    };
    await record(batchOf("notifications-dlq", [message(`g-${uuid()}`, group)]));

    expect(await statusesOf(eventId)).toEqual({ [a]: "dead", [b]: "delivered" });
  });

  it("marks a dead webhook delivery `dead`", async () => {
    quiet();
    const [hook] = await run((db) =>
      db.insert(webhooks).values({ url: "https://tv.example/hook", secret: "whsec_x" }).returning(),
    );
    const eventId = uuid();
    await run((db) =>
      db.insert(webhookDeliveries).values({ webhookId: hook!.id, eventId, status: "retrying", attempts: 9 }),
    );

    await record(
      batchOf("webhook-deliveries-dlq", [
        message(`w-${uuid()}`, { webhook_id: hook!.id, event: { event_id: eventId }, derived: {} }),
      ]),
    );

    const [row] = await run((db) =>
      db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId)),
    );
    expect(row!.status).toBe("dead");
  });

  it("stores bodies Postgres' jsonb would refuse and ids that are not uuids, rather than failing forever", async () => {
    quiet();
    const id = `odd-${uuid()}`;
    const body = { event_id: "not-a-uuid", device_id: 42, note: "nul \u0000 inside" };
    const batch = batchOf("notifications-dlq", [
      message(id, body),
      message(`str-${uuid()}`, "just a string"),
    ]);

    await record(batch);

    expect(batch.messages.map((m) => m.ack.mock.calls.length)).toEqual([1, 1]);
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ eventId: null, sourceQueue: "notifications" });
    expect(JSON.parse(row!.body)).toEqual(body);
  });

  it("retries with growing backoff while Postgres is unreachable past the hold, and stores the batch once it is back", async () => {
    quiet();
    const closed = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => closed.once("listening", r));
    const port = (closed.address() as { port: number }).port;
    closed.close();
    const down = {
      ...backend.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      POSTGRES_OUTAGE_HOLD_SECONDS: "1",
    };
    const id = `down-${uuid()}`;
    const first = batchOf("match-events-dlq", [
      message(id, { event_id: uuid() }, 1),
      message(`${id}-b`, { event_id: uuid() }, 5),
    ]);

    await record(first, down);

    expect(first.messages.map((m) => m.ack.mock.calls.length)).toEqual([0, 0]);
    // @buzz/queue's policy: attempt 1 waits 1-2 s, attempt 5 waits 16-32 s.
    const [early, later] = first.messages.map((m) => m.retry.mock.calls[0]?.[0]?.delaySeconds);
    expect(early).toBeGreaterThanOrEqual(1);
    expect(early).toBeLessThanOrEqual(2);
    expect(later).toBeGreaterThanOrEqual(16);
    expect(later).toBeLessThanOrEqual(32);
    const late = batchOf("match-events-dlq", [message(id, first.messages[0]!.body, 20)]);
    await record(late, down);
    expect(late.messages[0]!.retry.mock.calls[0]?.[0]?.delaySeconds).toBeGreaterThanOrEqual(150);
    expect(late.messages[0]!.retry.mock.calls[0]?.[0]?.delaySeconds).toBeLessThanOrEqual(300);
    expect(await rowsOf(id)).toEqual([]);

    const back = batchOf("match-events-dlq", [message(id, first.messages[0]!.body, 2)]);
    await record(back);
    expect(back.messages[0]!.ack).toHaveBeenCalledOnce();
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it("holds the batch through a short outage and stores it when Postgres answers again: acked, no retry", async () => {
    quiet();
    const id = `blip-${uuid()}`;
    const batch = batchOf("match-events-dlq", [message(id, { event_id: uuid() }, 1)]);
    backend.proxy.pause();
    const back = setTimeout(() => backend.proxy.resume(), 1_500);
    try {
      await record(batch, { ...backend.env, POSTGRES_OUTAGE_HOLD_SECONDS: "20" });
    } finally {
      clearTimeout(back);
      backend.proxy.resume();
    }
    expect(batch.messages[0]!.ack).toHaveBeenCalledOnce();
    expect(batch.messages[0]!.retry).not.toHaveBeenCalled();
    expect(await rowsOf(id)).toHaveLength(1);
  });
});
