// `npm run bench:event-pages -w @buzz/bench`: GET /v1/matches/{id}/events for a page of a match's log that is full
// (cached at the edge: served without the room), the same last page the room answers (it may still grow) and that
// page asked `until` the last sequence, as a dashboard that opened on that state asks it (final, so cached), on one
// local stack, in interleaved rounds, BENCH_PAGE_REQUESTS (2 000) each with BENCH_PAGE_CONCURRENCY (16) in flight.
// The client runs in this process and shares the 2 cores with workerd: every row pays for it alike.
import { DEV_VARS, startStack } from "@buzz/dev-stack";
import { createLiveMatch, postEvent, shotBody } from "./client.js";
import { positiveInt } from "./env.js";
import { interleaved, load } from "./http-load.js";
import { saveResult } from "./results.js";
import { median, printComparison, type Row, summarize } from "./stats.js";

const REQUESTS = positiveInt("BENCH_PAGE_REQUESTS", 2_000);
const CONCURRENCY = positiveInt("BENCH_PAGE_CONCURRENCY", 16);
const ROUNDS = 3;
const PAGE = 100;

/** A page of PAGE events, as every URL here answers. */
const onePage = (url: string) => (res: Response, body: unknown) => {
  if (res.status !== 200 || (body as { events: unknown[] }).events.length !== PAGE)
    throw new Error(`${url}: HTTP ${res.status}`);
};
const loadPage = (url: string) => load(url, REQUESTS, CONCURRENCY, onePage(url));

const stack = await startStack({ vars: { ...DEV_VARS }, quiet: true, logLevel: "warn" });
try {
  const matchId = await createLiveMatch(stack.baseUrl, "pages");
  // The kick-off plus 2 × PAGE shots: after=0 is a full page of PAGE; after=PAGE with limit PAGE + 1 returns as many
  // events but is not full, so it may still grow and the room answers it every time.
  for (let i = 0; i < 2 * PAGE - 1; i++) await postEvent(stack.baseUrl, matchId, shotBody(i));
  const base = `${stack.baseUrl}/v1/matches/${matchId}/events`;
  const urls = {
    full: `${base}?after=0&limit=${PAGE}`,
    open: `${base}?after=${PAGE}&limit=${PAGE + 1}`,
    tail: `${base}?after=${PAGE}&limit=${PAGE + 1}&until=${2 * PAGE}`,
  };
  const kinds = ["full", "tail", "open"] as const;
  for (const kind of kinds) await loadPage(urls[kind]);

  const by = await interleaved(kinds, ROUNDS, (kind) => loadPage(urls[kind]));
  if (by.open.hits) throw new Error("a page that may still grow came from the cache");
  const rows = {
    full: { name: "full page (edge cache)", summary: summarize(by.full.ms) },
    tail: { name: "last page until its end (edge cache)", summary: summarize(by.tail.ms) },
    open: { name: "last page (the room)", summary: summarize(by.open.ms) },
  } satisfies Record<string, Row>;
  console.log(
    `event pages: ${PAGE} events a page, ${REQUESTS} requests × ${ROUNDS} rounds each, ${CONCURRENCY} in flight`,
  );
  printComparison("GET /v1/matches/{id}/events, latency ms", rows.full, rows.open);
  printComparison("the same last page, latency ms", rows.tail, rows.open);
  const rate = (kind: (typeof kinds)[number]) => median(by[kind].rates).toFixed(0);
  console.log(
    `requests/s (median of rounds): full ${rate("full")}, last until its end ${rate("tail")}, last ${rate("open")}: ` +
      `${(median(by.full.rates) / median(by.open.rates)).toFixed(2)}× and ${(median(by.tail.rates) / median(by.open.rates)).toFixed(2)}×; ` +
      `cache hits ${by.full.hits} and ${by.tail.hits} of ${REQUESTS * ROUNDS} each`,
  );
  console.log(
    `results: ${saveResult("event-pages", { page: PAGE, requests: REQUESTS, concurrency: CONCURRENCY, measured: rows.full, tail: rows.tail, baseline: rows.open, rounds: by })}`,
  );
} finally {
  await stack.stop();
}
