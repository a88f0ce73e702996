import { performance } from "node:perf_hooks";
import { createLiveMatch, eventsPath, expectOk, postEvent, shotBody, signed } from "./client.js";
import { printComparison, type Row, summarize } from "./stats.js";

export interface IngestLatencyResult {
  ingest: Row;
  baseline: Row;
}

/**
 * Ack latency of single signed events into one match, N sequential requests, beside the round-trip of
 * GET /v1/health on the same stack. The two are interleaved request by request, so drift in the
 * machine's load hits both alike; the ratio is what the gateway + MatchRoom add over a bare Worker hop.
 */
export async function benchIngestLatency(
  baseUrl: string,
  n: number,
  warmup = 50,
): Promise<IngestLatencyResult> {
  const matchId = await createLiveMatch(baseUrl, "ingest");
  const ingest: number[] = [];
  const health: number[] = [];

  for (let i = 0; i < warmup + n; i++) {
    const t0 = performance.now();
    await expectOk(await fetch(`${baseUrl}/v1/health`), "GET /v1/health");
    const t1 = performance.now();

    const body = shotBody(i);
    const headers = signed(body, eventsPath(matchId));
    const t2 = performance.now();
    const ack = await postEvent(baseUrl, matchId, body, headers);
    const t3 = performance.now();
    if (ack.results?.[0]?.status !== "sequenced")
      throw new Error(`event ${i} was not sequenced: ${JSON.stringify(ack)}`);

    if (i >= warmup) {
      health.push(t1 - t0);
      ingest.push(t3 - t2);
    }
  }

  const result = {
    ingest: { name: "POST /events (signed, 1 event) → 202", summary: summarize(ingest) },
    baseline: { name: "baseline: GET /v1/health", summary: summarize(health) },
  };
  printComparison(
    `Ingest ack latency — one match, ${n} sequential single events (after ${warmup} warm-up)`,
    result.ingest,
    result.baseline,
  );
  return result;
}
