// The pipeline after an outage: Postgres is cut (the Neon proxy refuses every tunnel) while BENCH_DRAIN_MATCHES
// matches each take BENCH_DRAIN_EVENTS events (shots, a goal every 25, VAR cancelling the first), so enrich can
// archive nothing: its invocation holds a batch until Postgres answers and the other events wait in `match-events`
// (with the hold off, every batch is retried with the queue's backoff). Then Postgres comes back and the
// bench watches the archive until every event is routed, and the mock push service until each fan has every push.
// BENCH_DRAIN_ROUNDS rounds on one stack, fresh matches each.
//   npm run bench:drain -w @buzz/bench   BENCH_DRAIN_MATCHES=16 BENCH_DRAIN_EVENTS=125 BENCH_DRAIN_FANS=20 BENCH_DRAIN_ROUNDS=3
//     BENCH_DRAIN_OUTAGE_HOLD_SECONDS (unset: the pipeline's default; 0: enrich retries with backoff, never holding)
// Drain rate = events / (last routed_at − first enriched_at after the restore): the pipeline's throughput once it
// runs again, without the retry delay it was sleeping off (restore → all routed is printed apart). Order: no fan
// may get a goal's push after its cancellation's. Everything shares the 2 cores: the bench's own Node process
// (posting, polling Postgres, the mock push decrypting each push) competes with workerd and Postgres.
import { DEV_PUSH_ENDPOINT_ALLOWLIST, DEV_VARS, type Stack, startStack, vapidVars } from "@buzz/dev-stack";
import pg from "pg";
import { type MockPush, startMockPush } from "../../../test/src/mock-push/index.js";
import { createLiveMatch, postEvent } from "../client.js";
import { benchLanes, positiveInt } from "../env.js";
import { registerFans } from "../fans.js";
import { saveResult } from "../results.js";
import { summarize } from "../stats.js";
import { cancellationOf, eventIdOf, eventOf, olderAfterNewer } from "./events.js";

const MATCHES = positiveInt("BENCH_DRAIN_MATCHES", 16);
const EVENTS = positiveInt("BENCH_DRAIN_EVENTS", 125);
const FANS = positiveInt("BENCH_DRAIN_FANS", 20);
const ROUNDS = positiveInt("BENCH_DRAIN_ROUNDS", 3);
const OUTAGE_MS = 5_000;
const HOLD = process.env.BENCH_DRAIN_OUTAGE_HOLD_SECONDS;
const TIMEOUT_MS = 300_000;
const TARGET_PER_S = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, since: number, done: () => Promise<boolean> | boolean) {
  while (!(await done())) {
    if (Date.now() - since > TIMEOUT_MS) throw new Error(`${what}: not after ${TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/** Time within the drain when neither stage finished anything for IDLE_GAP_MS or more: waiting on retry delays. */
const IDLE_GAP_MS = 250;
function idleMs(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let idle = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap >= IDLE_GAP_MS) idle += gap;
  }
  return idle;
}

/** One outage: posts every event while Postgres is cut, restores it, and times the pipeline catching up. */
async function round(r: number, stack: Stack, push: MockPush, db: pg.Client) {
  const matches: string[] = [];
  for (let m = 0; m < MATCHES; m++) matches.push(await createLiveMatch(stack.baseUrl, `drain${r}-${m}`));
  await sleep(3_000); // the kick-offs' pushes go out before the outage

  stack.cutDatabase();
  const cutAt = Date.now();
  const notified = new Set<string>();
  // One POST of 25 events at a time per match, the matches side by side, as stadium sources would send.
  await Promise.all(
    matches.map(async (id, m) => {
      let firstGoal: string | undefined;
      for (let i = 0; i < EVENTS; i += 25) {
        const events = Array.from({ length: Math.min(25, EVENTS - i) }, (_, k) => eventOf(m, i + k));
        if (i === 25 && firstGoal) events[0] = cancellationOf(firstGoal);
        const { results } = await postEvent(stack.baseUrl, id, JSON.stringify({ events }));
        results.forEach((res: { status: string; event_id: string }, k: number) => {
          if (res.status !== "sequenced") throw new Error(`event ${i + k} of ${id}: ${JSON.stringify(res)}`);
          if (events[k]!.event_type === "GOAL_SCORED") firstGoal ??= res.event_id;
          if (events[k]!.event_type !== "SHOT") notified.add(res.event_id);
        });
      }
    }),
  );
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
  stack.restoreDatabase();
  const restoredAt = Date.now();

  const total = MATCHES * EVENTS;
  let state = {
    left: total,
    archived: 0,
    first_enriched: 0,
    last_enriched: 0,
    first_routed: 0,
    last_routed: 0,
  };
  await until("every event routed", restoredAt, async () => {
    const { rows } = await db.query(
      `select count(*) filter (where routed_at is null)::int as left, count(*)::int as archived,
              extract(epoch from min(enriched_at)) * 1000 as first_enriched,
              extract(epoch from max(enriched_at)) * 1000 as last_enriched,
              extract(epoch from min(routed_at)) * 1000 as first_routed,
              extract(epoch from max(routed_at)) * 1000 as last_routed
         from event_archive where match_id = any($1) and event_type <> 'PERIOD_STARTED'`,
      [matches],
    );
    state = rows[0];
    return state.archived === total && state.left === 0;
  });
  const routedMs = Date.now() - restoredAt;
  const pushes = () => push.deliveries().filter((d) => notified.has(eventIdOf(d)));
  // A goal's push is skipped when its cancellation reached the fan first (superseded); the rest all arrive.
  const atLeast = (notified.size - MATCHES) * FANS;
  await until("every push delivered", restoredAt, () => pushes().length >= atLeast);
  await sleep(1_000); // a goal's push that would overtake its cancellation arrives about now
  const drainS = (state.last_routed - state.first_enriched) / 1000;
  const { rows: stamps } = await db.query(
    `select extract(epoch from enriched_at) * 1000 as e, extract(epoch from routed_at) * 1000 as r
       from event_archive where match_id = any($1) and event_type <> 'PERIOD_STARTED'`,
    [matches],
  );
  return {
    outage_ms: restoredAt - cutAt,
    restore_to_all_routed_ms: routedMs,
    drain_events_per_s: total / drainS,
    // Where the drain's time goes: enrich's span and route's (they overlap; route follows enrich's batches).
    enrich_span_ms: state.last_enriched - state.first_enriched,
    route_span_ms: state.last_routed - state.first_routed,
    pushes: pushes().length,
    pushes_at_least: atLeast,
    older_after_newer: olderAfterNewer(pushes()),
    idle_ms: idleMs(stamps.flatMap((x: { e: number; r: number }) => [Number(x.e), Number(x.r)])),
  };
}

const vapid = await vapidVars();
const stack = await startStack({
  vars: {
    ...DEV_VARS,
    ...vapid,
    PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST,
    // "0": enrich retries with backoff at once instead of holding its batch until Postgres answers (the comparison).
    ...(HOLD === undefined ? {} : { POSTGRES_OUTAGE_HOLD_SECONDS: HOLD }),
  },
  database: { isolate: true }, // a database of its own: fans of earlier runs would be routed to as well
  logLevel: "warn",
  quiet: true,
  ...benchLanes(),
});
const push = await startMockPush();
const db = new pg.Client({ connectionString: stack.database.url });
try {
  await db.connect();
  await registerFans(stack.baseUrl, push, vapid.VAPID_PUBLIC_KEY, ["BHA"], FANS);
  console.log(`\nDrain after a Postgres outage — ${MATCHES} matches × ${EVENTS} events, ${FANS} fans`);
  const rounds = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const f = await round(r, stack, push, db);
    rounds.push(f);
    console.log(
      `  round ${r}: outage ${f.outage_ms} ms; restore → all routed ${(f.restore_to_all_routed_ms / 1000).toFixed(2)} s; drain ${f.drain_events_per_s.toFixed(0)} events/s (enriched over ${(f.enrich_span_ms / 1000).toFixed(2)} s, routed over ${(f.route_span_ms / 1000).toFixed(2)} s, idle ${(f.idle_ms / 1000).toFixed(2)} s); pushes ${f.pushes} (≥ ${f.pushes_at_least}), ${f.older_after_newer} older after newer`,
    );
  }
  const rate = summarize(rounds.map((f) => f.drain_events_per_s));
  console.log(
    `  drain median ${rate.p50.toFixed(0)} events/s (lowest ${Math.min(...rounds.map((f) => f.drain_events_per_s)).toFixed(0)}); target ≥ ${TARGET_PER_S} every round: ${rounds.every((f) => f.drain_events_per_s >= TARGET_PER_S) ? "met" : "NOT met"}`,
  );
  console.log(`  saved ${saveResult("drain", { matches: MATCHES, events: EVENTS, fans: FANS, rounds })}`);
} finally {
  await db.end().catch(() => {});
  await push.close();
  await stack.stop();
}
