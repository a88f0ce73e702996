import { type Db, sql, TALLY_SECONDS_KEPT_S } from "@buzz/db";

/**
 * Folds notification_tallies' rows of seconds older than TALLY_SECONDS_KEPT_S before `now` into one row per hour
 * and status (shard 0, at the hour's first second), and drops the hour rows that came to nothing, so the table
 * holds a couple of hours of seconds and a row per hour before: the dashboard's totals sum all of it. Sums are
 * unchanged; running it again changes nothing. Returns the rows folded away.
 */
export async function foldTallies(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - TALLY_SECONDS_KEPT_S * 1000).toISOString();
  const { rows } = await db.execute<{ n: number }>(sql`
    with folded as (
      delete from notification_tallies
      where second < ${before}::timestamptz and (shard <> 0 or second <> date_trunc('hour', second, 'UTC'))
      returning second, status, notifications, retried
    ), hours as (
      insert into notification_tallies as t (second, status, shard, notifications, retried)
      select date_trunc('hour', second, 'UTC'), status, 0, sum(notifications), sum(retried)
      from folded group by 1, 2 order by 1, 2
      on conflict (second, status, shard) do update
        set notifications = t.notifications + excluded.notifications, retried = t.retried + excluded.retried
    )
    select count(*)::int as n from folded`);
  await db.execute(sql`
    delete from notification_tallies
    where second < ${before}::timestamptz and shard = 0 and notifications = 0 and retried = 0`);
  return rows[0]!.n;
}
