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

const TIMED: TimedStage[] = ["received", "sequenced", "enriched", "routed", "dispatched"];

/**
 * p50/p99 per stage, in ms, each stage timed from the one before: received − occurred, sequenced (published) −
 * received, enriched − published, routed − enriched (event_archive), and dispatched = a notification's
 * delivered_at − its event's routed_at (one sample per delivered notification).
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
        from recent r join notification_log n on n.event_id = r.event_id
        where n.delivered_at is not null and r.routed_at is not null
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
 * each notification's first.
 */
export async function dispatchOutcomes(db: Db): Promise<OpsHealth["dispatch"]> {
  const { rows } = await db.execute<OpsHealth["dispatch"]>(sql`
    select count(*) filter (where status not in ('refused', 'superseded'))::int as attempted,
           count(*) filter (where status = 'delivered')::int as delivered,
           count(*) filter (where status = 'pruned')::int as pruned,
           coalesce(sum(greatest(attempts - 1, 0)), 0)::int as retried,
           count(*) filter (where status = 'dead')::int as dead,
           count(*) filter (where status = 'superseded')::int as superseded
    from notification_log`);
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

/** When each event was enriched and routed (event_archive), and its first push delivered (notification_log). */
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
           (select extract(epoch from min(n.delivered_at)) * 1000 from notification_log n where n.event_id = a.event_id)::float8 as dispatched
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
