// What the alert rules measure, from Postgres (one statement) and from the rooms' own reports (the directory).
import { type Db, sql } from "@buzz/db";
import { RECEIVED_SKEW_LIMIT_SECONDS } from "../ops/stats.js";
import type { Measures } from "./rules.js";

/**
 * Work older than this is not a backlog any more but a loss, which the dead-letter rule and the sweeper report.
 * notification_tallies keeps its seconds for two hours (TALLY_SECONDS_KEPT_S): this must stay below.
 */
const STALE_S = 3_600;

/**
 * From Postgres, over the last `windowS` seconds: publication delay, push outcomes, dead letters, queue backlogs.
 * Outcomes and the oldest unsent notification come from notification_tallies, not the log (which a final fills
 * with tens of millions of rows): outcomes are the log rows whose last write fell in the window, by status, and a
 * queued row's last write is its routing (a claim does not move updated_at).
 */
export async function measureDatabase(
  db: Db,
  windowS: number,
): Promise<Omit<Measures, "unarchived"> & { backlogAgeS: number }> {
  const { rows } = await db.execute<{
    p99: number | null;
    failed: number;
    total: number;
    dead: number;
    unrouted_s: number | null;
    unsent_s: number | null;
  }>(sql`
    select
      (select percentile_cont(0.99) within group (order by extract(epoch from published_at - occurred_at) * 1000)
         from event_archive
         where published_at >= now() - make_interval(secs => ${windowS})
           and abs(extract(epoch from received_at - occurred_at)) <= ${RECEIVED_SKEW_LIMIT_SECONDS})::float8 as p99,
      outcomes.failed,
      outcomes.total,
      (select count(*) from dead_letters where first_seen_at >= now() - make_interval(secs => ${windowS}))::int as dead,
      (select extract(epoch from now() - min(enriched_at)) from event_archive
         where routed_at is null and enriched_at >= now() - make_interval(secs => ${STALE_S}))::float8 as unrouted_s,
      (select extract(epoch from now() - min(second)) from (
         select second from notification_tallies
         where status = 'queued' and second >= now() - make_interval(secs => ${STALE_S})
         group by second having sum(notifications) > 0) queued)::float8 as unsent_s
    from (
      select coalesce(sum(notifications) filter (where status in ('dead', 'retrying')), 0)::int8 as failed,
             coalesce(sum(notifications) filter (where status in ('delivered', 'pruned', 'dead', 'retrying')), 0)::int8 as total
      from notification_tallies
      where second >= date_trunc('second', now() - make_interval(secs => ${windowS}))) outcomes`);
  const r = rows[0]!;
  return {
    publishDelayP99Ms: r.p99 === null ? null : Math.round(Number(r.p99)),
    pushes: { failed: Number(r.failed), total: Number(r.total) },
    deadLetters: Number(r.dead),
    backlogAgeS: Math.max(Number(r.unrouted_s ?? 0), Number(r.unsent_s ?? 0)),
  };
}
