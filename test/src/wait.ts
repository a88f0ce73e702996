import { expect } from "vitest";
import { getJson, postEvents } from "./http.js";

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the projection until its log has reached `sequence`. */
export async function untilLastSequence(matchId: string, sequence: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const res = await getJson(`/v1/matches/${matchId}`);
    last = res.body?.last_sequence ?? -1;
    if (last >= sequence) return last;
    await sleep(50);
  }
  throw new Error(`match ${matchId} stayed at last_sequence ${last}, expected ≥ ${sequence}`);
}

/**
 * Ingests `events` one request at a time, `gapMs` apart, so a test can drop and resume a live
 * client while the log is still growing. Each must be sequenced.
 */
export async function ingestPaced(matchId: string, events: unknown[], gapMs: number) {
  for (const event of events) {
    const res = await postEvents(matchId, event);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.results[0].status).toBe("sequenced");
    await sleep(gapMs);
  }
}
