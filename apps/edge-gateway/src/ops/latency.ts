import { withDb } from "@buzz/db";
import type { EventTimings, PublishedEvent } from "@buzz/schema/contract";
import { unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";
import { type PipelineTimes, pipelineTimes } from "./stats.js";

/** The waterfall shows a match's latest events; a whole match is a few hundred. */
export const LATENCY_EVENTS_MAX = 1000;

/**
 * `GET /v1/ops/matches/{id}/latency`: each of the match's latest events with the instant it reached each stage.
 * The room's log is authoritative for occurred, received and sequenced (published_at), so those are there as
 * soon as an event is; enriched and routed come from the event archive and dispatched is the first delivered
 * push for the event, each absent until the pipeline has got that far.
 */
export async function matchTimings(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  matchId: string,
): Promise<EventTimings[]> {
  const room = roomOf(env, matchId);
  const state = unwrap(await room.state());
  const after = Math.max(0, state.last_sequence - LATENCY_EVENTS_MAX);
  const { events } = unwrap(await room.events(after, LATENCY_EVENTS_MAX));
  if (events.length === 0) return [];
  const later = await withDb(
    env,
    ctx,
    (db) =>
      pipelineTimes(
        db,
        events.map((e) => e.event_id),
      ),
    { maxConnections: 1 },
  );
  return events.map((e) => timingsOf(e, later.get(e.event_id)));
}

function timingsOf(e: PublishedEvent, later: PipelineTimes | undefined): EventTimings {
  const at: EventTimings["at"] = {
    occurred: e.occurred_at,
    received: e.received_at,
    sequenced: e.published_at,
  };
  if (later?.enriched) at.enriched = later.enriched.toISOString();
  if (later?.routed) at.routed = later.routed.toISOString();
  if (later?.dispatched) at.dispatched = later.dispatched.toISOString();
  return { event_id: e.event_id, sequence_number: e.sequence_number, event_type: e.event_type, at };
}
