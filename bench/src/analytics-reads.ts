// `npm run bench:analytics -w @buzz/bench`: GET /v1/matches/{id}/analytics as a million dashboards would read it
// after a shot, on one local stack (PostgreSQL with DATABASE_URL, else PGlite), in interleaved rounds,
// BENCH_ANALYTICS_REQUESTS (1 000) each with BENCH_ANALYTICS_CONCURRENCY (16) in flight:
//   until its state — what the SDK asks: the settled answer from the edge cache, neither the room nor Postgres asked;
//   without until — the room says where its log ends, then the same cache entry;
//   until a state not reached yet — computed afresh every time, as every read was before (the room's whole log,
//     then Postgres for what enrichment derived): the baseline.
// The client runs in this process and shares the 2 cores with workerd (and with Postgres): every row pays alike.
import { DEV_VARS, startStack } from "@buzz/dev-stack";
import { createLiveMatch, postEvent, shotBody } from "./client.js";
import { positiveInt } from "./env.js";
import { interleaved, load } from "./http-load.js";
import { saveResult } from "./results.js";
import { median, printComparison, type Row, summarize } from "./stats.js";

const REQUESTS = positiveInt("BENCH_ANALYTICS_REQUESTS", 1_000);
const CONCURRENCY = positiveInt("BENCH_ANALYTICS_CONCURRENCY", 16);
const ROUNDS = 3;
/** A first half's shots: what the match centre charts. */
const SHOTS = 120;
/** The kick-off, then the shots: the match's last sequence. */
const LAST = SHOTS + 1;

interface Analytics {
  pending: number;
  events: unknown[];
}

/** Every answer a 200 with nothing pending and every event in it. */
const settled = (url: string) => (res: Response, body: unknown) => {
  const a = body as Analytics;
  if (res.status !== 200 || a.pending !== 0 || a.events.length !== LAST)
    throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
};

const stack = await startStack({ vars: { ...DEV_VARS }, quiet: true, logLevel: "warn" });
try {
  const matchId = await createLiveMatch(stack.baseUrl, "analytics");
  for (let i = 0; i < SHOTS; i++) await postEvent(stack.baseUrl, matchId, shotBody(i));
  const base = `${stack.baseUrl}/v1/matches/${matchId}/analytics`;
  const urls = { state: `${base}?until=${LAST}`, latest: base, computed: `${base}?until=${LAST + 1}` };
  // Enrichment runs behind the 202s.
  for (let t = Date.now(); ; ) {
    const a = (await (await fetch(urls.state)).json()) as Partial<Analytics>;
    if (a.pending === 0) break;
    if (Date.now() - t > 120_000) throw new Error(`still pending after 2 minutes: ${JSON.stringify(a)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const kinds = ["state", "latest", "computed"] as const;
  const run = (kind: (typeof kinds)[number]) => load(urls[kind], REQUESTS, CONCURRENCY, settled(urls[kind]));
  for (const kind of kinds) await run(kind);

  const by = await interleaved(kinds, ROUNDS, run);
  if (by.computed.hits) throw new Error("an answer for a state not reached came from the cache");
  const rows = {
    state: { name: "until its state (edge cache)", summary: summarize(by.state.ms) },
    latest: { name: "without until (room + edge)", summary: summarize(by.latest.ms) },
    computed: { name: "computed (room log + Postgres)", summary: summarize(by.computed.ms) },
  } satisfies Record<string, Row>;
  console.log(
    `analytics reads: ${SHOTS} shots, ${REQUESTS} requests × ${ROUNDS} rounds each, ${CONCURRENCY} in flight`,
  );
  printComparison("GET /v1/matches/{id}/analytics, latency ms", rows.state, rows.computed);
  printComparison("the same, without until", rows.latest, rows.computed);
  const rate = (kind: (typeof kinds)[number]) => median(by[kind].rates);
  console.log(
    `requests/s (median of rounds): until ${rate("state").toFixed(0)}, without ${rate("latest").toFixed(0)}, ` +
      `computed ${rate("computed").toFixed(0)}: ${(rate("state") / rate("computed")).toFixed(2)}× and ` +
      `${(rate("latest") / rate("computed")).toFixed(2)}×; from the cache ${by.state.hits} and ${by.latest.hits} of ` +
      `${REQUESTS * ROUNDS} each, computed ${REQUESTS * ROUNDS} times (each a read of the room's log and of Postgres)`,
  );
  console.log(
    `results: ${saveResult("analytics-reads", { shots: SHOTS, requests: REQUESTS, concurrency: CONCURRENCY, rows, rounds: by })}`,
  );
} finally {
  await stack.stop();
}
