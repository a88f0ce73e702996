// Dispatch's outcome write on both local backends: the archive keeps each event's first delivered push.
import { eq, eventArchive, notificationLog, sql } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import type { LogUpdate } from "@buzz/queue";
import { describe, expect, it } from "vitest";
import { recordOutcomes } from "./store.js";

const T0 = Date.parse("2026-07-20T12:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe.each(BACKENDS)("outcomes and the event's first delivery on %s", (kind) => {
  const { run } = useBackend(kind);

  /** An archived event and its log rows for `devices` devices; their keys. */
  async function routed(devices: number) {
    const eventId = crypto.randomUUID();
    await run(async (db) => {
      await db.insert(eventArchive).values({
        eventId,
        matchId: "first-delivery",
        sequenceNumber: 1,
        eventType: "GOAL_SCORED",
        occurredAt: new Date(T0),
        receivedAt: new Date(T0),
        publishedAt: new Date(T0),
        body: {},
      });
      await db.execute(sql`insert into notification_log (event_id, device_id, match_id)
        select ${eventId}::uuid, gen_random_uuid(), 'first-delivery' from generate_series(1, ${devices}::int)`);
    });
    const rows = await run((db) =>
      db
        .select()
        .from(notificationLog)
        .where(eq(notificationLog.eventId, eventId))
        .orderBy(notificationLog.deviceId),
    );
    return { eventId, keys: rows.map((r) => ({ event_id: eventId, device_id: r.deviceId })) };
  }
  const delivered = (key: { event_id: string; device_id: string }, ms: number): LogUpdate => ({
    ...key,
    status: "delivered",
    requests: 1,
    last_status: 201,
    delivered_at: at(ms),
  });
  const write = (logs: LogUpdate[]) => run((db) => recordOutcomes(db, logs, []));
  const firstOf = async (eventId: string) =>
    (await run((db) => db.select().from(eventArchive).where(eq(eventArchive.eventId, eventId))))[0]!
      .dispatchedAt;

  it("is the earliest delivery written: a retry sets nothing, a later one moves nothing, an earlier one written late does", async () => {
    const { eventId, keys } = await routed(4);
    const [a, b, c, d] = keys as [(typeof keys)[0], (typeof keys)[0], (typeof keys)[0], (typeof keys)[0]];

    await write([{ ...a, status: "retrying", requests: 1, last_status: 503, delivered_at: null }]);
    expect(await firstOf(eventId)).toBeNull();

    await write([delivered(b, 300), delivered(c, 200)]);
    expect(await firstOf(eventId)).toEqual(new Date(at(200)));

    await write([delivered(d, 500)]);
    expect(await firstOf(eventId)).toEqual(new Date(at(200)));

    // A duplicate outcome for a row already delivered is not written, so it cannot move the first either.
    await write([delivered(c, 50)]);
    expect(await firstOf(eventId)).toEqual(new Date(at(200)));

    await write([delivered(a, 100)]);
    expect(await firstOf(eventId)).toEqual(new Date(at(100)));
  });
});
