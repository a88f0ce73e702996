// Segment + quota: routing one event to 100 000 recipients out of 1 000 000 push subscriptions, with route's
// set-based statement (apps/worker-pipeline/src/route/recipients.ts) run in K parts at once (K = each of
// BENCH_SEGMENT_PARTITIONS; route's default is ROUTING_PARTITIONS) against the statement it replaced
// (segment-upsert.ts), run alternately on matches seeded alike, and against the same work done device by device.
// Runs on the real PostgreSQL at 127.0.0.1:5432 (DATABASE_URL overrides) in a scratch database created for the run
// and dropped at the end, reached the way a Worker reaches it: the Neon driver over the dev WebSocket proxy.
//   npx tsx bench/src/segment.ts      BENCH_SEGMENT_LOOP_SAMPLE=5000 BENCH_SEGMENT_RUNS=3 BENCH_SEGMENT_PARTITIONS=2,4

import { cpus } from "node:os";
import { type Db, openDb, sql } from "@buzz/db";
import { migrateDatabase, startDatabase, startNeonProxy } from "@buzz/db/local";
import type { PublishedEventOf } from "@buzz/schema/contract";
import { neonConfig } from "@neondatabase/serverless";
import WebSocket from "ws";
import { preferenceSql } from "../../apps/worker-pipeline/src/route/preferences.js";
import {
  MAX_NOTIFICATIONS_PER_MATCH,
  type Recipient,
  ROUTING_PARTITIONS,
  routeRecipients,
  routingLock,
  routingStatement,
  targetsOf,
} from "../../apps/worker-pipeline/src/route/recipients.js";
import { notificationsFor } from "../../apps/worker-pipeline/src/route/render.js";
import { positiveInt } from "./env.js";
import { saveResult } from "./results.js";
import { quotaTable, upsertStatement } from "./segment-upsert.js";

const SUBSCRIPTIONS = 1_000_000;
const RECIPIENTS = 100_000; // every 10th device follows France
const LOOP_SAMPLE = positiveInt("BENCH_SEGMENT_LOOP_SAMPLE", 5_000);
const RUNS = positiveInt("BENCH_SEGMENT_RUNS", 3);
/**
 * The numbers of parts routed with. Always 1 (one connection's time, which docs/capacity.md scales up) and
 * route's default (the one held to the target).
 */
const PARTITIONS = [
  ...new Set([
    1,
    ROUTING_PARTITIONS,
    ...(process.env.BENCH_SEGMENT_PARTITIONS ?? "2,4").split(",").map((k) => {
      const n = Number(k);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`BENCH_SEGMENT_PARTITIONS: not a positive integer: ${k}`);
      return n;
    }),
  ]),
].sort((a, b) => a - b);
const SERVER = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const DERIVED = {
  teams: { home: { team_id: "FRA", name: "France" }, away: { team_id: "CRO", name: "Croatia" } },
  score: { home: 1, away: 0 },
};

neonConfig.webSocketConstructor = WebSocket;

/**
 * A yellow card for France (not a critical event, so the cap applies; cards are on by default, unlike
 * substitutions) in `match`.
 */
function booking(match: string, n: number): PublishedEventOf<"CARD_SHOWN"> {
  const at = new Date().toISOString();
  return {
    event_type: "CARD_SHOWN",
    event_id: `0190a3e2-7b4c-7d3e-9f21-${String(n).padStart(12, "0")}`,
    event_version: 2,
    match_id: match,
    competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
    occurred_at: at,
    received_at: at,
    published_at: at,
    sequence_number: n,
    source: { system: "OPTA", operator_id: null, confidence: null, stadium_gateway_id: null },
    metadata: { idempotency_key: `k${n}`, correlation_id: "c", causation_id: null, ttl_seconds: 600 },
    data: {
      team: { side: "HOME", team_id: "FRA", name: "France" },
      match_minute: 81,
      stoppage_minute: 0,
      match_period: "SECOND_HALF",
      player: { player_id: "FRA-fekir", name: "Nabil Fekir" },
      card: "YELLOW",
    },
  };
}

/**
 * 1 000 000 devices in five locales, each with a push subscription of realistic size (FCM endpoint ~200 chars,
 * 87-char p256dh, 22-char auth). Every 10th device follows France (100 000), half of those also follow a French
 * player (the statement must count them once); the others follow one of 29 other teams and another competition.
 * Earlier notifications: in each benchmarked match, 10 000 recipients were already notified 10 times (the cap) and
 * 10 000 5 times — log rows of earlier events, and for the replaced statement's matches its quota rows too (in
 * the table only it uses, created here).
 * Preferences: every 25th device chose (40 000 rows, 4 000 of them France fans): a third switched cards off, a
 * third has quiet hours in Paris, a third only switched substitutions on — so routing's left join to
 * device_preferences and its quiet-hours test have rows to read.
 */
async function seed(db: Db, matches: string[]) {
  const LOCALE = sql.raw(`(array['fr', 'en', 'es', 'de', 'ar'])[1 + i % 5]`); // device i's locale, wherever it is copied
  await db.execute(quotaTable);
  await db.execute(sql`
    insert into devices (id, token_hash, locale)
    select md5('device' || i)::uuid, md5('token' || i), ${LOCALE}
    from generate_series(1, ${SUBSCRIPTIONS}::int) i`);
  await db.execute(sql`
    insert into push_subscriptions (device_id, endpoint, p256dh, auth)
    select md5('device' || i)::uuid,
      'https://fcm.googleapis.com/fcm/send/' || md5('e' || i) || ':APA91b' || repeat(md5('f' || i), 4),
      left(repeat(md5('p' || i), 3), 87), left(md5('a' || i), 22)
    from generate_series(1, ${SUBSCRIPTIONS}::int) i`);
  await db.execute(sql`
    insert into follows (device_id, kind, target_id, locale)
    select md5('device' || i)::uuid, 'team'::follow_kind, case when i % 10 = 0 then 'FRA' else 'T' || (i % 29) end, ${LOCALE} from generate_series(1, ${SUBSCRIPTIONS}::int) i
    union all
    select md5('device' || i)::uuid, 'player'::follow_kind, 'FRA-fekir', ${LOCALE} from generate_series(20, ${SUBSCRIPTIONS}::int, 20) i
    union all
    select md5('device' || i)::uuid, 'competition'::follow_kind, 'other-league', ${LOCALE} from generate_series(1, ${SUBSCRIPTIONS}::int) i where i % 10 <> 0`);
  for (const match of matches) {
    await db.execute(sql`
      insert into notification_log (event_id, device_id, match_id, status)
      select md5(${match} || '/' || n)::uuid, md5('device' || i)::uuid, ${match}, 'delivered'
      from generate_series(10, ${SUBSCRIPTIONS}::int, 10) i, generate_series(1, ${MAX_NOTIFICATIONS_PER_MATCH}::int) n
      where i % 100 = 0 or (i % 100 = 50 and n <= 5)`);
    if (match.startsWith("m-upsert-"))
      await db.execute(sql`
        insert into match_quotas (device_id, match_id, count)
        select device_id, match_id, count(*) from notification_log where match_id = ${match} group by 1, 2`);
  }
  await db.execute(sql`
    insert into device_preferences (device_id, cards, substitutions, quiet_from, quiet_to, time_zone)
    select md5('device' || i)::uuid, i % 3 <> 0, i % 3 = 2,
      case when i % 3 = 1 then time '23:00' end, case when i % 3 = 1 then time '07:00' end,
      case when i % 3 = 1 then 'Europe/Paris' end
    from generate_series(25, ${SUBSCRIPTIONS}::int, 25) i`);
  await db.execute(sql`vacuum analyze`);
}

/** The same routing device by device: the cap counted from the log, then the log insert (the locale came with the segment). */
async function loop(db: Db, match: string, eventId: string, devices: string[]): Promise<number> {
  let notified = 0;
  for (const device of devices) {
    const sent = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from notification_log where device_id = ${device}::uuid and match_id = ${match}`,
    );
    if (sent.rows[0]!.count >= MAX_NOTIFICATIONS_PER_MATCH) continue;
    const logged = await db.execute(sql`
      insert into notification_log (event_id, device_id, match_id) values (${eventId}::uuid, ${device}::uuid, ${match})
      on conflict (event_id, device_id) do nothing returning device_id`);
    if (logged.rows.length > 0) notified++;
  }
  return notified;
}

interface PlanNode {
  "Subplan Name"?: string;
  "Actual Total Time": number;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  Triggers?: { "Trigger Name": string; Relation: string; Time: number; Calls: number }[];
  "Execution Time": number;
}

/**
 * EXPLAIN ANALYZE of the statement for all the devices (one part), after its lock and settings, in a transaction
 * rolled back so it changes nothing.
 */
async function explain(db: Db, match: string, n: number): Promise<Explained> {
  const event = booking(match, n);
  const whole = { index: 0, of: 1 };
  const statement = routingStatement(
    event,
    targetsOf(event, DERIVED),
    { bypassCap: false, resend: false, routedAt: new Date() },
    whole,
  );
  let explained: Explained | undefined;
  await db
    .transaction(async (tx) => {
      await tx.execute(routingLock([match], whole));
      const { rows } = await tx.execute<{ "QUERY PLAN": Explained[] }>(
        sql`explain (analyze, format json) ${statement}`,
      );
      explained = rows[0]!["QUERY PLAN"][0];
      tx.rollback();
    })
    .catch((err: Error) => {
      if (!explained) throw err;
    });
  return explained!;
}

/** Inclusive time of a CTE of the plan: the time spent in that step of the statement. */
function cteTime(node: PlanNode, name: string): number | undefined {
  if (node["Subplan Name"] === `CTE ${name}`) return node["Actual Total Time"];
  for (const child of node.Plans ?? []) {
    const t = cteTime(child, name);
    if (t !== undefined) return t;
  }
  return undefined;
}

const ms = (start: number) => performance.now() - start;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

console.log(
  `segment: node ${process.version} · ${cpus().length} cores (${cpus()[0]?.model ?? "?"}) · PostgreSQL ${new URL(SERVER).host}`,
);
const database = await startDatabase({ url: SERVER, isolate: true });
const proxy = await startNeonProxy();
const { db, close } = openDb(
  { DATABASE_URL: database.url, NEON_WS_PROXY: proxy.address },
  { maxConnections: Math.max(...PARTITIONS) },
);
try {
  await migrateDatabase(database.url);
  const version = (await db.execute<{ v: string }>(sql`select current_setting('server_version') as v`))
    .rows[0]!.v;
  const matches = [
    "m-warm",
    ...Array.from({ length: RUNS }, (_, i) => PARTITIONS.map((k) => `m-run-${i + 1}-${k}`)).flat(),
    ...Array.from({ length: RUNS }, (_, i) => `m-upsert-${i + 1}`),
    "m-explain",
    "m-loop",
  ];
  let t = performance.now();
  await seed(db, matches);
  const followCount = (await db.execute<{ n: number }>(sql`select count(*)::int as n from follows`)).rows[0]!
    .n;
  console.log(
    `segment: scratch database ${database.database} on PostgreSQL ${version}, seeded in ${(ms(t) / 1000).toFixed(1)} s: ` +
      `${SUBSCRIPTIONS.toLocaleString("en")} devices with a subscription each, ${followCount.toLocaleString("en")} follows`,
  );

  // Where the write-ahead log ends: the bytes between two readings are what a routing wrote (nothing else writes to
  // the server meanwhile), outside the timed section.
  const walAt = async () =>
    (await db.execute<{ lsn: string }>(sql`select pg_current_wal_insert_lsn()::text as lsn`)).rows[0]!.lsn;
  const walSince = async (lsn: string) =>
    Number(
      (
        await db.execute<{ bytes: string }>(
          sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ${lsn}::pg_lsn)::bigint::text as bytes`,
        )
      ).rows[0]!.bytes,
    );

  /** Routes with route's statement in `partitions` parts, or with the replaced statement when there are none. */
  const route = async (match: string, n: number, partitions?: number) => {
    const event = booking(match, n);
    const targets = targetsOf(event, DERIVED);
    const routedAt = new Date();
    const wal = await walAt();
    const start = performance.now();
    const rows =
      partitions === undefined
        ? (await db.execute<Recipient>(upsertStatement(event, targets, routedAt))).rows
        : await routeRecipients(
            db,
            event,
            targets,
            { bypassCap: false, resend: false, routedAt },
            partitions,
          );
    const sqlMs = ms(start);
    const walMB = (await walSince(wal)) / 1e6;
    const renderStart = performance.now();
    const messages = notificationsFor(event, DERIVED, rows, { routedAt: new Date() });
    return { sqlMs, walMB, renderMs: ms(renderStart), notified: rows.length, messages: messages.length };
  };

  const warm = await route("m-warm", 1, ROUTING_PARTITIONS);
  console.log(
    `\nthe routing statement (recipients, their locales and their count towards the cap → notification_log) in K parts at once, each a transaction` +
      `\nwith its part's routing lock on its own connection, ${RECIPIENTS.toLocaleString("en")} recipients, K = ${PARTITIONS.join(", ")} (route's default: ${ROUTING_PARTITIONS});` +
      `\nthe statement it replaced (quota upsert, log ON CONFLICT DO NOTHING, no lock) alternately, on another match seeded alike:`,
  );
  console.log(
    `  warm-up      ${fmt(warm.sqlMs).padStart(7)} ms  (${warm.notified.toLocaleString("en")} notified, the rest capped)`,
  );
  const runs = new Map<number, { sqlMs: number }[]>(PARTITIONS.map((k) => [k, []]));
  const upserts = [];
  // Each round starts one variant later than the previous one (the replaced statement is `undefined`), so that
  // none always runs first, on the smallest tables, or last.
  const variants = [...PARTITIONS, undefined];
  for (let i = 1; i <= RUNS; i++) {
    for (let j = 0; j < variants.length; j++) {
      const k = variants[(i - 1 + j) % variants.length];
      if (k === undefined) {
        const u = await route(`m-upsert-${i}`, 100 + i);
        upserts.push(u);
        console.log(
          `  replaced     ${fmt(u.sqlMs).padStart(7)} ms  (${u.notified.toLocaleString("en")} notified; WAL ${fmt(u.walMB)} MB)`,
        );
        continue;
      }
      const r = await route(`m-run-${i}-${k}`, i * 1000 + k, k);
      runs.get(k)!.push(r);
      console.log(
        `  run ${i}, K=${k}  ${fmt(r.sqlMs).padStart(7)} ms  (${r.notified.toLocaleString("en")} notified; WAL ${fmt(r.walMB)} MB; rendering ${r.messages.toLocaleString("en")} messages in 5 locales: ${fmt(r.renderMs)} ms)`,
      );
    }
  }
  const median = (xs: { sqlMs: number }[]) =>
    xs.map((r) => r.sqlMs).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const byPartitions = PARTITIONS.map((k) => ({ k, ms: median(runs.get(k)!) }));
  const msIn = (k: number) => byPartitions.find((p) => p.k === k)!.ms;
  const routedMs = msIn(ROUTING_PARTITIONS);
  const statementMs = msIn(1);
  const upsertMs = median(upserts);

  // The same statement for a match seeded like the others; rolled back.
  const plan = await explain(db, "m-explain", 1_000);
  const at = (name: string) => `${fmt(cteTime(plan.Plan, name) ?? NaN).padStart(7)} ms`;
  console.log(
    `\nwhere its time goes (EXPLAIN ANALYZE of the same statement for another event, all devices in one part, rolled back; timings add instrumentation):`,
  );
  console.log(
    `  (time inside each step, each CTE including the CTEs it is the first to read: see the plan for which)`,
  );
  console.log(`  recipients and locales (follows index, cap count)                    ${at("recipients")}`);
  console.log(`  notification_log rows inserted                                       ${at("logged")}`);
  for (const t of plan.Triggers ?? [])
    console.log(
      `  + trigger ${t["Trigger Name"]} on ${t.Relation.padEnd(16)} ${fmt(t.Time).padStart(7)} ms  (${t.Calls.toLocaleString("en")} rows)`,
    );
  console.log(
    `  = execution                                                    ${fmt(plan["Execution Time"]).padStart(7)} ms`,
  );

  t = performance.now();
  // The same preferences as the statement's (a card at this instant), so both notify the same devices.
  const { allowed } = preferenceSql(booking("m-loop", 0xff));
  const segment = (
    await db.execute<{ device_id: string; locale: string }>(sql`
      select distinct on (f.device_id) f.device_id, f.locale from follows f join push_subscriptions s on s.device_id = f.device_id
      left join device_preferences on device_preferences.device_id = f.device_id
      where (f.kind, f.target_id) in (('match', 'm-loop'), ('competition', 'wc-2018'), ('team', 'FRA'), ('team', 'CRO'), ('player', 'FRA-fekir'))
        and ${allowed}
      order by f.device_id`)
  ).rows.map((r) => r.device_id);
  const segmentMs = ms(t);
  const sample = segment.slice(0, LOOP_SAMPLE);
  t = performance.now();
  const notified = await loop(db, "m-loop", "0190a3e2-7b4c-7d3e-9f21-0000000000ff", sample);
  const sampleMs = ms(t);
  const loopMs = segmentMs + (sampleMs / sample.length) * segment.length;
  console.log(
    `\nper-device loop (2 statements a device), the same ${segment.length.toLocaleString("en")} recipients:`,
  );
  console.log(`  segment query              ${fmt(segmentMs).padStart(8)} ms`);
  console.log(
    `  ${sample.length.toLocaleString("en")} devices measured     ${fmt(sampleMs).padStart(8)} ms  (${notified.toLocaleString("en")} notified; ${(sampleMs / sample.length).toFixed(3)} ms a device)`,
  );
  console.log(
    `  all ${segment.length.toLocaleString("en")}, extrapolated ${fmt(loopMs).padStart(8)} ms  (linear from the sample: not run in full)`,
  );

  console.log(
    `\nsegment + quota, ${RECIPIENTS.toLocaleString("en")} of ${SUBSCRIPTIONS.toLocaleString("en")}:`,
  );
  for (const { k, ms } of byPartitions)
    console.log(
      `  in ${k} part${k === 1 ? " " : "s"} (median of ${RUNS})       ${fmt(ms).padStart(8)} ms${k === ROUTING_PARTITIONS ? `   route's default; target ≤ 500 ms: ${ms <= 500 ? "met" : "NOT met"}` : ""}`,
    );
  console.log(`  replaced statement (median of ${RUNS}) ${fmt(upsertMs).padStart(8)} ms`);
  console.log(
    `  ratio replaced / current (in ${ROUTING_PARTITIONS})       ${(upsertMs / routedMs).toFixed(2)}×`,
  );
  console.log(`  per-device loop (extrapolated) ${fmt(loopMs).padStart(8)} ms`);
  console.log(`  ratio loop / one part           ${(loopMs / statementMs).toFixed(1)}×`);
  const file = saveResult("segment", {
    config: {
      subscriptions: SUBSCRIPTIONS,
      recipients: RECIPIENTS,
      runs: RUNS,
      partitions: ROUTING_PARTITIONS,
      postgres: version,
    },
    /** One part, one connection. */
    statementMs,
    /** route's default number of parts, each on its connection. */
    routedMs,
    byPartitions,
    upsertMs,
    loopMs,
  });
  console.log(`\nsegment: results written to ${file}`);
} finally {
  await close();
  await proxy.stop();
  await database.stop();
}
