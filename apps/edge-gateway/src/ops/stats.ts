// What the ops routes read from Postgres. One statement each, run one after the other (the database may
// be PGlite, one session at a time).

import { type Db, sql } from "@buzz/db";
import type { OpsHealth, Percentiles } from "@buzz/schema/contract";

export type StageLatency = OpsHealth["latency"];
type TimedStage = keyof StageLatency;

/** Latency percentiles cover the events published in this last stretch: health is about now. */
export const LATENCY_WINDOW_MINUTES = 60;

/**
 * An event whose occurred_at is further than this from its received_at was not timed by a stadium hop: it is a
 * backfill or a replay of a past match (the 2018 replays keep the real dates), and would drown the gateway's
 * figures in years. The same ±300 s a source's signature timestamp is allowed.
 */
export const RECEIVED_SKEW_LIMIT_SECONDS = 300;

/**
 * An event's dispatch samples: its first delivered notifications in device_id order, read through the log's key.
 * Device ids are random, so that is a uniform sample of its recipients. Reading every delivered notification of
 * the hour took 1.96 s a request for 2.4 million rows, this 47–107 ms (the dashboard asks every 2 s, and a final's
 * hour holds ~23 million). Each event then weighs the same in the percentiles, however many it notified.
 */
export const DISPATCH_SAMPLES_PER_EVENT = 1_000;

const TIMED: TimedStage[] = ["received", "sequenced", "enriched", "routed", "dispatched"];

/**
 * p50/p99 per stage, in ms, each stage timed from the one before: received − occurred, sequenced (published) −
 * received, enriched − published, routed − enriched (event_archive), and dispatched = a notification's
 * delivered_at − its event's routed_at (one sample per delivered notification, up to DISPATCH_SAMPLES_PER_EVENT
 * of each event).
 */
export async function stageLatency(db: Db): Promise<StageLatency> {
  const { rows } = await db.execute<{
    stage: TimedStage;
    n: number;
    p50: number | null;
    p99: number | null;
  }>(sql`
    with recent as (
      select * from event_archive where published_at >= now() - make_interval(mins => ${LATENCY_WINDOW_MINUTES})
    ), samples (stage, ms) as (
      select 'received', extract(epoch from received_at - occurred_at) * 1000 from recent
        where abs(extract(epoch from received_at - occurred_at)) <= ${RECEIVED_SKEW_LIMIT_SECONDS}
      union all select 'sequenced', extract(epoch from published_at - received_at) * 1000 from recent
      union all select 'enriched', extract(epoch from enriched_at - published_at) * 1000 from recent where enriched_at is not null
      union all select 'routed', extract(epoch from routed_at - enriched_at) * 1000 from recent where routed_at is not null and enriched_at is not null
      union all select 'dispatched', extract(epoch from n.delivered_at - r.routed_at) * 1000
        from recent r cross join lateral (
          select l.delivered_at from notification_log l
          where l.event_id = r.event_id and l.delivered_at is not null
          order by l.device_id limit ${DISPATCH_SAMPLES_PER_EVENT}::int) n
        where r.routed_at is not null
    )
    select stage, count(*)::int as n,
           percentile_cont(0.5) within group (order by ms)::float8 as p50,
           percentile_cont(0.99) within group (order by ms)::float8 as p99
    from samples group by stage`);
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return Object.fromEntries(TIMED.map((stage) => [stage, percentiles(byStage.get(stage))])) as StageLatency;
}

function percentiles(row: { n: number; p50: number | null; p99: number | null } | undefined): Percentiles {
  if (!row) return { n: 0, p50_ms: null, p99_ms: null };
  return { n: Number(row.n), p50_ms: ms(row.p50), p99_ms: ms(row.p99) };
}

const ms = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/**
 * Outcomes of the notifications routing decided to send. `attempted` is every row but `refused` (an endpoint
 * outside the allow-list is never tried) and `superseded` (its amendment was on the phone first), so
 * delivered + pruned + dead = attempted once none is queued or retrying; `retried` counts the attempts beyond
 * each notification's first. Summed from notification_tallies (the log's rows counted by its triggers): the
 * dashboard asks every two seconds, and counting the log itself took 0.3–0.7 s per 5 million rows.
 */
export async function dispatchOutcomes(db: Db): Promise<OpsHealth["dispatch"]> {
  const { rows } = await db.execute<OpsHealth["dispatch"]>(sql`
    select coalesce(sum(notifications) filter (where status not in ('refused', 'superseded')), 0)::int8 as attempted,
           coalesce(sum(notifications) filter (where status = 'delivered'), 0)::int8 as delivered,
           coalesce(sum(notifications) filter (where status = 'pruned'), 0)::int8 as pruned,
           coalesce(sum(retried), 0)::int8 as retried,
           coalesce(sum(notifications) filter (where status = 'dead'), 0)::int8 as dead,
           coalesce(sum(notifications) filter (where status = 'superseded'), 0)::int8 as superseded
    from notification_tallies`);
  const r = rows[0]!;
  return {
    attempted: Number(r.attempted),
    delivered: Number(r.delivered),
    pruned: Number(r.pruned),
    retried: Number(r.retried),
    dead: Number(r.dead),
    superseded: Number(r.superseded),
  };
}

/** Dead letters not yet redriven, per source queue. */
export async function deadLetterCounts(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.execute<{ source_queue: string; n: number }>(
    sql`select source_queue, count(*)::int as n from dead_letters where state = 'dead' group by source_queue`,
  );
  return new Map(rows.map((r) => [r.source_queue, Number(r.n)]));
}

export interface PipelineTimes {
  enriched: Date | null;
  routed: Date | null;
  dispatched: Date | null;
}

/**
 * When each event was enriched and routed, and its first push delivered: all from event_archive (a final's event
 * has millions of log rows; the waterfall asks every 2 s).
 */
export async function pipelineTimes(db: Db, eventIds: string[]): Promise<Map<string, PipelineTimes>> {
  // Instants as epoch ms: raw SQL skips drizzle's Date mapping, and Postgres' text form is not ISO 8601.
  const { rows } = await db.execute<{
    event_id: string;
    enriched: number | null;
    routed: number | null;
    dispatched: number | null;
  }>(sql`
    select a.event_id,
           (extract(epoch from a.enriched_at) * 1000)::float8 as enriched,
           (extract(epoch from a.routed_at) * 1000)::float8 as routed,
           (extract(epoch from a.dispatched_at) * 1000)::float8 as dispatched
    from jsonb_array_elements_text(${JSON.stringify(eventIds)}::jsonb) as k(event_id)
    join event_archive a on a.event_id = k.event_id::uuid`);
  const instant = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return new Map(
    rows.map((r) => [
      r.event_id,
      { enriched: instant(r.enriched), routed: instant(r.routed), dispatched: instant(r.dispatched) },
    ]),
  );
}
