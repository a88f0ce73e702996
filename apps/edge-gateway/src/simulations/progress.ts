import {
  buildTimeline,
  clockAt,
  selectMatch,
  type Timeline,
  type TimelineItem,
  WORLDCUP_2018,
} from "@buzz/simulator/core";
import type { SimulationView } from "./contract.js";
import type { SimRow } from "./store.js";

/**
 * A replay's timeline is a pure function of its row (match, seed, speed, kick-off), so storage keeps the
 * row and any restart rebuilds the same events, `occurred_at` included: a batch resent after a crash
 * carries the same idempotency keys and is answered as duplicates.
 */
export function timelineOf(
  row: Pick<SimRow, "source_match" | "seed" | "speed" | "started_ms" | "created_ms">,
): Timeline {
  const match = selectMatch(WORLDCUP_2018, row.source_match);
  return buildTimeline(match, {
    seed: row.seed,
    speed: row.speed,
    startedAt: row.started_ms ?? row.created_ms,
  });
}

/**
 * Wall-clock ms at which an item is due: its played second scaled by the speed, rounded up to a whole ms.
 * Alarms keep whole ms: one set for 721.7 fires at 721, finds nothing due, and setting it again for the
 * same instant is lost once the handler returns (the replay would stall).
 */
const wallAt = (row: SimRow, at: number) =>
  Math.ceil((row.started_ms ?? row.created_ms) + (at * 1000) / row.speed);

/** When the alarm should next act for this replay, or null if it has nothing left to send. */
export function nextDueAt(row: SimRow, timeline: Timeline): number | null {
  const next = timeline.items[row.sent];
  if (row.status !== "running" || row.started_ms === null || !next) return null;
  return Math.max(wallAt(row, next.at), row.retry_ms ?? 0);
}

/** The items due by `now` not yet sent, in order, at most `max` (one batch). */
export function dueItems(row: SimRow, timeline: Timeline, now: number, max: number): TimelineItem[] {
  if (row.started_ms === null || (row.retry_ms ?? 0) > now) return [];
  const due: TimelineItem[] = [];
  for (const item of timeline.items.slice(row.sent)) {
    if (due.length === max || wallAt(row, item.at) > now) break;
    due.push(item);
  }
  return due;
}

export function viewOf(row: SimRow, timeline: Timeline, now: number): SimulationView {
  const match = selectMatch(WORLDCUP_2018, row.source_match);
  const next = timeline.items[row.sent];
  let played = row.started_ms === null ? 0 : (((row.stopped_ms ?? now) - row.started_ms) * row.speed) / 1000;
  // The clock does not run past an event that has not gone out yet (a retry pending, a late alarm).
  if (row.status === "running" && next) played = Math.min(played, next.at);
  if (row.status === "done") played = timeline.durationSec + 1;
  const clock = clockAt(timeline.periods, played);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    simulation_id: row.id,
    match_id: row.match_id,
    source_match: row.source_match,
    title: `${match.home.name} - ${match.away.name}`,
    speed: row.speed,
    seed: row.seed,
    status: row.status,
    sent: row.sent,
    total: row.total,
    match_minute: clock.minute,
    stoppage_minute: clock.stoppage,
    clock: clock.label,
    played_seconds: Math.round(Math.max(0, Math.min(played, timeline.durationSec))),
    duration_seconds: timeline.durationSec,
    score: { home: row.score_home, away: row.score_away },
    penalty_score:
      row.pen_home === null || row.pen_away === null ? null : { home: row.pen_home, away: row.pen_away },
    created_at: new Date(row.created_ms).toISOString(),
    started_at: iso(row.started_ms),
    finished_at: iso(row.stopped_ms),
    ...(row.status === "failed" && row.error ? { error: row.error } : {}),
  };
}
