// Goal ingest → first push request at the push service: a signed GOAL_SCORED POSTed to the gateway, sequenced by
// the MatchRoom, then match-events → enrich → match-events-enriched → route → notifications → dispatch, until the
// mock push service (test/src/mock-push: decrypts every message, verifies every VAPID token) has the first
// push for that goal. One goal at a time, N goals, on a stack of its own.
//   npm run bench:push -w @buzz/bench      BENCH_PUSH_GOALS=100 BENCH_PUSH_FANS=10 BENCH_PUSH_CONFIGS=configured,batched
// Each goal is compared with its own ingest ack (POST → 202) as the baseline. Queue configurations, one stack
// each: `configured` (wrangler.jsonc as it is: max_batch_timeout 0 on the three hops of the push path, so a
// consumer takes what is there at once) and, on request, `batched` (max_batch_timeout 1 s on those hops, as
// before: each consumer waits up to a second for a batch to fill) and `lanes-4` (four notification lanes instead of
// local dev's one: what lanes bring to a big audience, e.g. BENCH_PUSH_FANS=1000).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEV_PUSH_ENDPOINT_ALLOWLIST,
  DEV_VARS,
  type StartStackOptions,
  startStack,
  vapidVars,
} from "@buzz/dev-stack";
import { type Delivery, type MockPush, startMockPush } from "../../test/src/mock-push/index.js";
import { createLiveMatch, eventsPath, goalBody, postEvent, signed } from "./client.js";
import { positiveInt } from "./env.js";
import { registerFans } from "./fans.js";
import { printStages, stageBreakdown } from "./stages.js";
import { printComparison, type Row, summarize } from "./stats.js";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "results");
const GOALS = positiveInt("BENCH_PUSH_GOALS", 100);
const FANS = positiveInt("BENCH_PUSH_FANS", 10);
const WARMUP = 5;
const TARGET_P99_MS = 250;
/** A fresh match every 20 goals keeps every goal's clock 2 minutes from the others of its match and half. */
const GOALS_PER_MATCH = 20;
const PUSH_PATH = ["match-events", "match-events-enriched", "notifications"];
const CONFIGS: Record<string, Pick<StartStackOptions, "pipelineConsumers" | "pipelineLanes">> = {
  configured: {},
  batched: { pipelineConsumers: Object.fromEntries(PUSH_PATH.map((q) => [q, { max_batch_timeout: 1 }])) },
  "lanes-4": { pipelineLanes: 4 },
};
const wanted = (process.env.BENCH_PUSH_CONFIGS ?? "configured").split(",").map((s) => s.trim());
for (const name of wanted)
  if (!(name in CONFIGS))
    throw new Error(`BENCH_PUSH_CONFIGS: unknown "${name}" (${Object.keys(CONFIGS).join(", ")})`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventOf = (d: Delivery) => (d.payload as { data: { event_id: string } }).data.event_id;

/** Waits for the deliveries of one event; the mock stamps each when it has it, so polling adds nothing to them. */
async function deliveriesOf(
  push: MockPush,
  eventId: string,
  count: number,
  timeoutMs = 60_000,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = push.deliveries().filter((d) => eventOf(d) === eventId);
    if (got.length >= count) return got;
    if (Date.now() > deadline)
      throw new Error(`goal ${eventId}: ${got.length} of ${count} pushes after ${timeoutMs} ms`);
    await sleep(2);
  }
}

interface ConfigResult {
  first: Row;
  all: Row;
  ack: Row;
  stages: Record<string, { p50: number; p99: number }>;
}

async function benchConfig(name: string): Promise<ConfigResult> {
  const vapid = await vapidVars();
  const stack = await startStack({
    vars: { ...DEV_VARS, ...vapid, PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST },
    logLevel: "warn",
    logFile: join(RESULTS, `wrangler-push-${name}.log`),
    quiet: true,
    database: { isolate: true }, // a database of its own: fans of earlier runs would be routed to as well
    ...CONFIGS[name],
  });
  const push = await startMockPush();
  try {
    await registerFans(stack.baseUrl, push, vapid.VAPID_PUBLIC_KEY, ["BHA"], FANS);
    let matchId = "";
    const first: number[] = [];
    const all: number[] = [];
    const ack: number[] = [];
    const measured: string[] = [];
    const matches: string[] = [];
    for (let i = 0; i < WARMUP + GOALS; i++) {
      if (i % GOALS_PER_MATCH === 0) {
        matchId = await createLiveMatch(stack.baseUrl, "push");
        matches.push(matchId);
        await sleep(2_000); // its kick-off's pushes go out before the next goal is timed
      }
      // Two minutes apart: the room takes same-side reports within a minute (and 15 s) of each other for one goal.
      const body = goalBody(i, 1 + 2 * (i % GOALS_PER_MATCH), `bench-goal-${i}`);
      const headers = signed(body, eventsPath(matchId));
      const t0 = Date.now();
      const res = await postEvent(stack.baseUrl, matchId, body, headers);
      const acked = Date.now();
      const result = res.results?.[0];
      if (result?.status !== "sequenced")
        throw new Error(`goal ${i} was not sequenced: ${JSON.stringify(res)}`);
      const pushes = await deliveriesOf(push, result.event_id, FANS);
      if (i < WARMUP) continue;
      const times = pushes.map((d) => d.receivedAt);
      first.push(Math.min(...times) - t0);
      all.push(Math.max(...times) - t0);
      ack.push(acked - t0);
      measured.push(result.event_id);
    }
    const stages = await stageBreakdown(stack.baseUrl, matches, new Set(measured)).catch((err) => {
      console.log(`(no per-hop breakdown: ${err instanceof Error ? err.message : err})`);
      return {};
    });
    const rows = {
      first: { name: `POST goal → first push at the mock (1 of ${FANS} fans)`, summary: summarize(first) },
      all: { name: `POST goal → push to all ${FANS} fans`, summary: summarize(all) },
      ack: { name: "baseline: POST goal → 202 (sequenced, durable)", summary: summarize(ack) },
    };
    printComparison(
      `Goal ingest → first push request — queues ${name}, ${GOALS} goals one at a time (after ${WARMUP} warm-up)`,
      rows.first,
      rows.ack,
    );
    printComparison(`… and to every fan`, rows.all, rows.ack);
    const p99 = rows.first.summary.p99;
    console.log(
      `target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? "met" : "NOT met"} (${p99.toFixed(0)} ms)`,
    );
    printStages(stages);
    return { ...rows, stages };
  } finally {
    await push.close();
    await stack.stop();
  }
}

mkdirSync(RESULTS, { recursive: true });
console.log(
  `bench push-latency · node ${process.version} · ${cpus().length} cores (${cpus()[0]?.model ?? "?"}) · ${GOALS} goals · ${FANS} fans`,
);
const results: Record<string, ConfigResult> = {};
for (const name of wanted) {
  console.log(`\nbench: starting a stack with queues ${name}…`);
  results[name] = await benchConfig(name);
}
const file = join(RESULTS, `push-latency-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      goals: GOALS,
      fans: FANS,
      results,
    },
    null,
    2,
  ),
);
console.log(`\nbench: results written to ${file}`);
