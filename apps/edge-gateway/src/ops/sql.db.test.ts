// The ops routes' SQL (stats.ts and dead-letters.ts) on known data, against both backends through the dev proxy and
// the Neon driver, in Node (workerd has no Postgres); the routes around this SQL are tested against the real stack
// in test/src/ops.test.ts.

import {
  and,
  deadLetters,
  devices,
  eq,
  eventArchive,
  notificationLog,
  sql,
  webhookDeliveries,
  webhooks,
} from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { claimDeadLetter, closeDelivery, releaseDeadLetter, reopenDelivery } from "./dead-letters.js";
import { redrive } from "./redrive.js";
import {
  DISPATCH_SAMPLES_PER_EVENT,
  deadLetterCounts,
  dispatchOutcomes,
  pipelineTimes,
  stageLatency,
} from "./stats.js";

const at = (base: number, ms: number) => new Date(base + ms);
const archived = (
  i: number,
  published: Date,
  gaps: { received: number; sequenced: number; enriched?: number; routed?: number },
) => {
  const occurredAt = new Date(published.getTime() - gaps.sequenced - gaps.received);
  const enrichedAt = gaps.enriched === undefined ? null : at(published.getTime(), gaps.enriched);
  const routedAt = enrichedAt && gaps.routed !== undefined ? at(enrichedAt.getTime(), gaps.routed) : null;
  return {
    eventId: crypto.randomUUID(),
    matchId: "sql-match",
    sequenceNumber: i,
    eventType: "SHOT",
    occurredAt,
    receivedAt: at(occurredAt.getTime(), gaps.received),
    publishedAt: published,
    enrichedAt,
    routedAt,
    body: {},
  };
};

type Db = Parameters<Parameters<ReturnType<typeof useBackend>["run"]>[0]>[0];
type LogStatus = typeof notificationLog.$inferInsert.status;

/** A device per status, each with that log row for `eventId`, and a webhook whose delivery of it is dead. */
async function seedDeliveries(db: Db, eventId: string, log: { status: LogStatus; attempts: number }[]) {
  const rows = await db
    .insert(devices)
    .values(log.map((_, i) => ({ tokenHash: `seed-${eventId}-${i}` })))
    .returning();
  await db
    .insert(notificationLog)
    .values(log.map((l, i) => ({ eventId, deviceId: rows[i]!.id, matchId: "sql-match", ...l })));
  const [hook] = await db
    .insert(webhooks)
    .values({ url: `https://tv.example/${eventId}`, secret: "whsec_x" })
    .returning();
  await db.insert(webhookDeliveries).values({ webhookId: hook!.id, eventId, status: "dead", attempts: 9 });
  return { devices: rows.map((r) => r.id), webhook: hook!.id };
}

/** The log status of each of `deviceIds` for `eventId`, in that order, and its webhook delivery's. */
async function statusesOf(db: Db, eventId: string, deviceIds: string[]) {
  const log = await db.select().from(notificationLog).where(eq(notificationLog.eventId, eventId));
  const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  return {
    devices: deviceIds.map((id) => log.find((l) => l.deviceId === id)!.status),
    webhook: delivery!.status,
  };
}

describe.each(BACKENDS)("ops SQL on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;
  const now = Date.now();
  // 100 events in the window: received gap i ms, sequenced 2 ms, enriched 10·i ms for the first 50, routed 5 ms.
  const events = Array.from({ length: 100 }, (_, k) => {
    const i = k + 1;
    return archived(i, new Date(now - 60_000 + i), {
      received: i,
      sequenced: 2,
      ...(i <= 50 ? { enriched: 10 * i, routed: 5 } : {}),
    });
  });
  // A replay of a 2018 match: its occurred_at is years before receipt, so it times no stadium hop.
  const replayed = archived(101, new Date(now - 30_000), { received: 8 * 365 * 86_400_000, sequenced: 2 });
  // Published two hours ago: outside the health window altogether.
  const old = archived(102, new Date(now - 2 * 3_600_000), {
    received: 1_000,
    sequenced: 1_000,
    enriched: 1_000,
    routed: 1_000,
  });

  beforeAll(async () => {
    await run(async (db) => {
      // Dispatch keeps an event's first delivery in the archive (below: the first event's, 40 ms after routing).
      const dispatched = { ...events[0]!, dispatchedAt: at(events[0]!.routedAt!.getTime(), 40) };
      await db.insert(eventArchive).values([dispatched, ...events.slice(1), replayed, old]);
      const [a, b, c] = await db
        .insert(devices)
        .values([{ tokenHash: "sql-a" }, { tokenHash: "sql-b" }, { tokenHash: "sql-c" }])
        .returning();
      const [first, second] = [events[0]!, events[1]!];
      const log = (
        eventId: string,
        deviceId: string,
        status: string,
        attempts: number,
        deliveredAt: Date | null = null,
      ) =>
        ({
          eventId,
          deviceId,
          matchId: "sql-match",
          status,
          attempts,
          deliveredAt,
        }) as typeof notificationLog.$inferInsert;
      await db
        .insert(notificationLog)
        .values([
          log(first.eventId, a!.id, "delivered", 1, at(first.routedAt!.getTime(), 40)),
          log(first.eventId, b!.id, "delivered", 3, at(first.routedAt!.getTime(), 90)),
          log(first.eventId, c!.id, "pruned", 1),
          log(second.eventId, a!.id, "dead", 7),
          log(second.eventId, b!.id, "retrying", 2),
          log(second.eventId, c!.id, "queued", 0),
          log(events[2]!.eventId, a!.id, "refused", 0),
          log(events[2]!.eventId, b!.id, "superseded", 0),
        ]);
      const letter = (queue: string, state: "dead" | "redriven") => ({
        queue: `${queue}-dlq`,
        sourceQueue: queue,
        messageId: crypto.randomUUID(),
        body: "{}",
        state,
      });
      await db
        .insert(deadLetters)
        .values([
          letter("notifications", "dead"),
          letter("notifications", "dead"),
          letter("notifications", "redriven"),
          letter("match-events", "dead"),
        ]);
    });
  }, 90_000);

  it("times each stage from the one before, over the last hour, with percentile_cont", async () => {
    const latency = await run(stageLatency);
    // received: 1..100 ms (the 2018 replay left out); p50 = 50.5, p99 = 1 + 0.99 × 99.
    expect(latency.received).toEqual({ n: 100, p50_ms: 50.5, p99_ms: 99 });
    expect(latency.sequenced).toEqual({ n: 101, p50_ms: 2, p99_ms: 2 });
    // enriched: 10..500 ms for the 50 enriched events.
    expect(latency.enriched).toEqual({ n: 50, p50_ms: 255, p99_ms: 495.1 });
    expect(latency.routed).toEqual({ n: 50, p50_ms: 5, p99_ms: 5 });
    // dispatched: one sample per delivered notification, 40 and 90 ms after routing.
    expect(latency.dispatched).toEqual({ n: 2, p50_ms: 65, p99_ms: 89.5 });
  });

  it("closes the dispatch account: refused and superseded are never attempted, retried counts attempts beyond the first", async () => {
    expect(await run(dispatchOutcomes)).toEqual({
      attempted: 6,
      delivered: 2,
      pruned: 1,
      retried: 2 + 6 + 1,
      dead: 1,
      superseded: 1,
    });
  });

  it("counts dead letters not yet redriven, per source queue", async () => {
    expect(Object.fromEntries(await run(deadLetterCounts))).toEqual({ notifications: 2, "match-events": 1 });
  });

  it("gives an event's enriched and routed instants and its first delivered push, nothing for what the pipeline has not seen", async () => {
    const [first, unrouted] = [events[0]!, events[60]!];
    const unknown = crypto.randomUUID();
    const times = await run((db) => pipelineTimes(db, [first.eventId, unrouted.eventId, unknown]));
    expect(times.get(first.eventId)).toEqual({
      enriched: first.enrichedAt,
      routed: first.routedAt,
      dispatched: at(first.routedAt!.getTime(), 40),
    });
    expect(times.get(unrouted.eventId)).toEqual({ enriched: null, routed: null, dispatched: null });
    expect(times.has(unknown)).toBe(false);
  });

  it("claims a dead letter for a redrive once, and can give it back", async () => {
    const [row] = await run((db) =>
      db
        .insert(deadLetters)
        .values({
          queue: "match-events-dlq",
          sourceQueue: "match-events",
          messageId: crypto.randomUUID(),
          body: '{"a":[1]}',
        })
        .returning(),
    );
    const first = await run((db) => claimDeadLetter(db, row!.id));
    expect(first).toMatchObject({ kind: "claimed", sourceQueue: "match-events", body: { a: [1] } });
    expect(await run((db) => claimDeadLetter(db, row!.id))).toEqual({ kind: "already_redriven" });
    expect(await run((db) => claimDeadLetter(db, crypto.randomUUID()))).toEqual({ kind: "not_found" });

    await run((db) => releaseDeadLetter(db, row!.id));
    const [released] = await run((db) => db.select().from(deadLetters).where(eq(deadLetters.id, row!.id)));
    expect(released).toMatchObject({ state: "dead", redrivenAt: null });
    expect((await run((db) => claimDeadLetter(db, row!.id))).kind).toBe("claimed");
  });

  it("puts a redriven notification or webhook delivery back in flight, and nothing already settled", async () => {
    const eventId = crypto.randomUUID();
    const statuses = await run(async (db) => {
      const seeded = await seedDeliveries(db, eventId, [
        { status: "dead", attempts: 7 },
        { status: "delivered", attempts: 1 },
        { status: "dead", attempts: 7 },
      ]);
      const [dead, delivered, groupDead] = seeded.devices;
      await reopenDelivery(
        db,
        "notifications",
        { event_id: eventId, device_id: dead!.toUpperCase() },
        eventId,
      );
      await reopenDelivery(db, "notifications", { event_id: eventId, device_id: delivered }, eventId);
      // A group dead-lettered whole names its devices in `recipients`.
      await reopenDelivery(
        db,
        "notifications",
        { event_id: eventId, recipients: [{ device_id: groupDead, payload: 0 }, { payload: 0 }] },
        eventId,
      );
      await reopenDelivery(
        db,
        "webhook-deliveries",
        { webhook_id: seeded.webhook, event: { event_id: eventId } },
        eventId,
      );
      return statusesOf(db, eventId, seeded.devices);
    });
    expect(statuses).toEqual({ devices: ["retrying", "delivered", "retrying"], webhook: "retrying" });
  });
  it("reopens a redriven notification before its message can reach a consumer, and closes it again if the send fails", async () => {
    const eventId = crypto.randomUUID();
    const { deviceId, letterId } = await run(async (db) => {
      const [device] = await db
        .insert(devices)
        .values({ tokenHash: `rd-${eventId}` })
        .returning();
      await db
        .insert(notificationLog)
        .values({ eventId, deviceId: device!.id, matchId: "sql-match", status: "dead", attempts: 1 });
      const [letter] = await db
        .insert(deadLetters)
        .values({
          queue: "notifications-dlq",
          sourceQueue: "notifications",
          messageId: crypto.randomUUID(),
          eventId,
          body: JSON.stringify({ event_id: eventId, device_id: device!.id }),
        })
        .returning();
      return { deviceId: device!.id, letterId: letter!.id };
    });
    const statusIn = async (db: Parameters<Parameters<typeof run>[0]>[0]) => {
      const [row] = await db
        .select({ status: notificationLog.status })
        .from(notificationLog)
        .where(and(eq(notificationLog.eventId, eventId), eq(notificationLog.deviceId, deviceId)));
      return row!.status;
    };
    const queue =
      (send: (db: Parameters<typeof statusIn>[0]) => Promise<void>) => (db: Parameters<typeof statusIn>[0]) =>
        ({ NOTIFICATIONS: { send: () => send(db) } }) as unknown as Env;

    const down = queue(async () => {
      throw new Error("queue unavailable");
    });
    await expect(run((db) => redrive(db, down(db), letterId))).rejects.toMatchObject({ status: 503 });
    expect(await run(statusIn)).toBe("dead");

    // A consumer as quick as a local queue's reads the row the moment the message is sent.
    const seen: string[] = [];
    const up = queue(async (db) => {
      seen.push(await statusIn(db));
    });
    await run((db) => redrive(db, up(db), letterId));
    expect(seen).toEqual(["retrying"]);
  });
  it("closes again only what it reopened: a dead device and webhook delivery, never a delivery retrying already", async () => {
    const eventId = crypto.randomUUID();
    const statuses = await run(async (db) => {
      const seeded = await seedDeliveries(db, eventId, [
        { status: "dead", attempts: 7 },
        { status: "retrying", attempts: 2 },
      ]);
      const [dead, retrying] = seeded.devices;
      const group = { event_id: eventId, recipients: [{ device_id: dead }, { device_id: retrying }] };
      const reopened = [
        await reopenDelivery(db, "notifications", group, eventId),
        await reopenDelivery(db, "webhook-deliveries", { webhook_id: seeded.webhook }, eventId),
      ];
      expect(reopened.map((r) => [r?.devices, r?.webhookId])).toEqual([
        [[dead], null],
        [[], seeded.webhook],
      ]);
      for (const r of reopened) await closeDelivery(db, r);
      return statusesOf(db, eventId, seeded.devices);
    });
    expect(statuses).toEqual({ devices: ["dead", "retrying"], webhook: "dead" });
  });

  it("samples at most DISPATCH_SAMPLES_PER_EVENT of an event's deliveries, and its totals still add up after redrives", async () => {
    const big = archived(103, new Date(now - 10_000), { received: 1, sequenced: 1, enriched: 1, routed: 1 });
    const extra = DISPATCH_SAMPLES_PER_EVENT + 200;
    await run(async (db) => {
      await db.insert(eventArchive).values(big);
      await db.execute(sql`insert into notification_log (event_id, device_id, match_id, status, attempts, delivered_at)
        select ${big.eventId}::uuid, gen_random_uuid(), 'sql-match', 'delivered', 1, ${at(big.routedAt!.getTime(), 7).toISOString()}::timestamptz
        from generate_series(1, ${extra}::int)`);
    });
    // The first event's two (40 and 90 ms) and a thousand of the big one's 7 ms.
    expect((await run(stageLatency)).dispatched).toEqual({
      n: 2 + DISPATCH_SAMPLES_PER_EVENT,
      p50_ms: 7,
      p99_ms: 7,
    });

    // The tallies behind dispatchOutcomes followed every write of this suite (inserts, redrives, closes).
    const counted = await run(async (db) => {
      const { rows } = await db.execute<Record<string, number>>(sql`
        select count(*) filter (where status not in ('refused', 'superseded'))::int as attempted,
               count(*) filter (where status = 'delivered')::int as delivered,
               count(*) filter (where status = 'pruned')::int as pruned,
               sum(greatest(attempts - 1, 0))::int as retried,
               count(*) filter (where status = 'dead')::int as dead,
               count(*) filter (where status = 'superseded')::int as superseded
        from notification_log`);
      return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
    });
    expect(await run(dispatchOutcomes)).toEqual(counted);
  });
});
