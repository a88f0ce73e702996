// The instants ops records for each event (GET /v1/ops/matches/{id}/latency: received and sequenced from the
// room's log, enriched and routed from the archive, dispatched = first delivered push), as per-stage figures.
import { DEV_VARS } from "@buzz/dev-stack";
import { type EventTimings, STAGES, type Stage } from "@buzz/schema/contract";
import { expectOk } from "./client.js";
import { summarize } from "./stats.js";

export interface StageFigures {
  n: number;
  p50: number;
  p99: number;
}

/** Every event's instants, for each of the matches (admin token). */
export async function matchTimings(baseUrl: string, matchIds: readonly string[]): Promise<EventTimings[]> {
  const events: EventTimings[] = [];
  for (const matchId of matchIds) {
    const res = await fetch(`${baseUrl}/v1/ops/matches/${matchId}/latency`, {
      headers: { Authorization: `Bearer ${DEV_VARS.ADMIN_TOKEN}` },
    });
    events.push(...(await expectOk(res, "GET latency")).events);
  }
  return events;
}

/**
 * p50/p99 of the events in `ids`: per hop (each stage from the one before it) or, given `from`, each later
 * stage from that one. A stage an event has not reached yet is left out of its figures, not counted as 0.
 */
export function stageFigures(
  events: readonly EventTimings[],
  ids: ReadonlySet<string>,
  from?: Stage,
): Record<string, StageFigures> {
  const spans: Record<string, number[]> = {};
  for (const e of events) {
    if (!ids.has(e.event_id)) continue;
    const stages: Stage[] = STAGES.filter((s) => s !== "occurred" && e.at[s] !== undefined);
    for (let i = 1; i < stages.length; i++) {
      const start = from ?? stages[i - 1]!;
      if (from && !e.at[from]) break;
      if (from && stages.indexOf(from) >= i) continue;
      const ms = Date.parse(e.at[stages[i]!]!) - Date.parse(e.at[start]!);
      (spans[`${start} → ${stages[i]}`] ??= []).push(ms);
    }
  }
  return Object.fromEntries(
    Object.entries(spans).map(([span, ms]) => {
      const { n, p50, p99 } = summarize(ms);
      return [span, { n, p50, p99 }];
    }),
  );
}

/** Per hop of the events in `ids` (see stageFigures). */
export async function stageBreakdown(baseUrl: string, matchIds: readonly string[], ids: ReadonlySet<string>) {
  return stageFigures(await matchTimings(baseUrl, matchIds), ids);
}

export function printStages(
  stages: Record<string, StageFigures>,
  title = "per hop (ops latency instants, ms resolution)",
  label = "hop",
) {
  const entries = Object.entries(stages);
  if (entries.length === 0) return;
  const width = Math.max(...entries.map(([span]) => span.length));
  console.log(`\n${title}\n${label.padEnd(width)}  p50 ms  p99 ms`);
  for (const [span, s] of entries)
    console.log(`${span.padEnd(width)}  ${String(s.p50).padStart(6)}  ${String(s.p99).padStart(6)}`);
}
