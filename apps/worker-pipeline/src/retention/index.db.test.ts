// The notification log's purge against both local backends, through the dev proxy and the Neon driver.
import { eq, eventArchive, notificationLog, sql } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LOG_RETENTION_DAYS, purgeExpiredLog, purgeOnSchedule } from "./index.js";

const NOW = new Date("2026-07-20T12:00:00.000Z");
const DAY = 86_400_000;

describe.each(BACKENDS)("the notification log's purge on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;

  /** An archived event published `daysAgo` before NOW, logged for `devices` devices; its id. */
  const loggedEvent = (daysAgo: number, devices: number) =>
    run(async (db) => {
      const eventId = crypto.randomUUID();
      const publishedAt = new Date(NOW.getTime() - daysAgo * DAY);
      await db.insert(eventArchive).values({
        eventId,
        matchId: `m-${daysAgo}`,
        sequenceNumber: 1,
        eventType: "GOAL_SCORED",
        occurredAt: publishedAt,
        receivedAt: publishedAt,
        publishedAt,
        body: {},
      });
      if (devices > 0)
        await db.execute(sql`insert into notification_log (event_id, device_id, match_id, status)
          select ${eventId}::uuid, gen_random_uuid(), ${`m-${daysAgo}`}, 'delivered' from generate_series(1, ${devices}::int)`);
      return eventId;
    });
  const rowsOf = (eventId: string) =>
    run((db) => db.$count(notificationLog, eq(notificationLog.eventId, eventId)));

  beforeEach(() => run((db) => db.execute(sql`truncate notification_log, event_archive`)));

  it("deletes the log rows of events published before the retention window, in batches, and nothing newer", async () => {
    const expired = [
      await loggedEvent(LOG_RETENTION_DAYS + 40, 7),
      await loggedEvent(LOG_RETENTION_DAYS + 1, 6),
      await loggedEvent(LOG_RETENTION_DAYS + 1, 0),
    ];
    const kept = [await loggedEvent(LOG_RETENTION_DAYS - 1, 4), await loggedEvent(0, 3)];

    // Batches of 5 rows: 13 rows go in three batches, the third one short.
    expect(await run((db) => purgeExpiredLog(db, NOW, { rows: 5 }))).toEqual({ deleted: 13, done: true });

    for (const id of expired) expect(await rowsOf(id)).toBe(0);
    expect(await Promise.all(kept.map(rowsOf))).toEqual([4, 3]);
    // The archive is kept: only the log is purged.
    expect(await run((db) => db.$count(eventArchive))).toBe(5);
    expect(await run((db) => purgeExpiredLog(db, NOW, { rows: 5 }))).toEqual({ deleted: 0, done: true });
  });

  it("stops starting batches once its time is spent, and the next run goes on", async () => {
    const old = await loggedEvent(LOG_RETENTION_DAYS + 2, 9);

    expect(await run((db) => purgeExpiredLog(db, NOW, { rows: 4, budgetMs: 0 }))).toEqual({
      deleted: 4,
      done: false,
    });
    expect(await rowsOf(old)).toBe(5);
    expect(await run((db) => purgeExpiredLog(db, NOW, { rows: 4 }))).toEqual({ deleted: 5, done: true });
    expect(await rowsOf(old)).toBe(0);
  });

  it("runs from the Cron Trigger at the controller's scheduled time, and logs what it did", async () => {
    const old = await loggedEvent(LOG_RETENTION_DAYS + 1, 2);
    const recent = await loggedEvent(1, 2);
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    const ctx = testContext();

    await purgeOnSchedule(
      { scheduledTime: NOW.getTime(), cron: "23 * * * *", noRetry() {} },
      backend.env,
      ctx,
    );
    await ctx.settle();

    expect([await rowsOf(old), await rowsOf(recent)]).toEqual([0, 2]);
    expect(info.mock.calls.map((c) => JSON.parse(String(c[0])))).toContainEqual({
      level: "info",
      msg: "notification_log_purged",
      deleted: 2,
      done: true,
      retention_days: LOG_RETENTION_DAYS,
      // The purge counted its rows out at their seconds, which are now's: nothing is old enough to fold.
      tallies_folded: 0,
    });
    info.mockRestore();
  });
});
