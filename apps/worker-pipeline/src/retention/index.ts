import { type Db, type DbEnv, sql, withDb } from "@buzz/db";
import { log } from "@buzz/queue";
import { foldTallies } from "./tallies.js";

/**
 * Days a notification's log row is kept after its event was published. The log is each device's per-match cap
 * and each event's "sent once" record, both needed only while a match can still produce or redeliver events (a
 * suspended match resumes within days); past that it is delivery history, kept for a month of it. A final writes
 * some 2.3 million rows per event: without a purge the table only grows.
 */
export const LOG_RETENTION_DAYS = 30;
/** Rows one statement deletes: each batch is a short transaction, not one that locks an event's millions. */
const PURGE_BATCH_ROWS = 10_000;
/** A run stops starting batches after this long; the next run (hourly) goes on from where it stopped. */
const PURGE_BUDGET_MS = 30_000;

/**
 * Deletes up to `rows` log rows of the oldest events published before `before`, found through the archive's
 * published_at index and deleted through the log's primary key (event_id first): no scan of the whole log, and no
 * index on the log's created_at to write at every routing. Returns how many it deleted.
 */
async function purgeLogBatch(db: Db, before: Date, rows = PURGE_BATCH_ROWS): Promise<number> {
  const { rows: deleted } = await db.execute<{ n: number }>(sql`
    with expired as (
      select event_id from event_archive a
      where a.published_at < ${before.toISOString()}::timestamptz
        and exists (select 1 from notification_log l where l.event_id = a.event_id)
      order by a.published_at
      limit 100
    ),
    gone as (
      delete from notification_log where ctid = any(array(
        select l.ctid from notification_log l where l.event_id in (select event_id from expired) limit ${rows}::int))
      returning 1
    )
    select count(*)::int as n from gone`);
  return deleted[0]!.n;
}

/** Batches of purgeLogBatch until one comes back short or the time budget is spent; the rows deleted. */
export async function purgeExpiredLog(
  db: Db,
  now: Date,
  { rows = PURGE_BATCH_ROWS, budgetMs = PURGE_BUDGET_MS } = {},
): Promise<{ deleted: number; done: boolean }> {
  const before = new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000);
  const started = Date.now();
  let deleted = 0;
  for (;;) {
    const n = await purgeLogBatch(db, before, rows);
    deleted += n;
    if (n < rows) return { deleted, done: true };
    if (Date.now() - started >= budgetMs) return { deleted, done: false };
  }
}

/**
 * The Cron Trigger's handler (wrangler.jsonc `triggers`): one purge run, then the tallies' fold (which also
 * folds the purge's own counting), logged. A failure waits for the next run.
 */
export async function purgeOnSchedule(
  controller: ScheduledController,
  env: DbEnv,
  ctx: { waitUntil(promise: Promise<unknown>): void },
): Promise<void> {
  const now = new Date(controller.scheduledTime);
  const { deleted, done, folded } = await withDb(env, ctx, async (db) => ({
    ...(await purgeExpiredLog(db, now)),
    folded: await foldTallies(db, now),
  }));
  log("info", "notification_log_purged", {
    deleted,
    done,
    retention_days: LOG_RETENTION_DAYS,
    tallies_folded: folded,
  });
}
