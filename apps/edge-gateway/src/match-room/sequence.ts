import { applyEvent, defaultIdempotencyKey, type EventInput, type IngestResult, type MatchState, type PublishedEvent } from "@buzz/schema";
import { decide, normalize } from "./decide.js";
import { envelope } from "./envelope.js";

export interface Committed {
  byKey(key: string): { event_id: string; seq: number } | undefined;
  correlationOf(eventId: string): string | null;
}

export interface SequencedBatch {
  results: IngestResult[];
  /** New log entries, in order. */
  events: PublishedEvent[];
  /** Idempotency keys to remember, including those of reports fused into an existing goal. */
  keys: { key: string; event_id: string; seq: number }[];
  state: MatchState;
}

/**
 * Sequences a batch against the state, in memory: nothing is written, so the caller commits all of it in
 * one transaction or none of it. Throws RosterError (a client error) on the first event that cannot be taken.
 */
export async function sequenceBatch(
  state: MatchState,
  inputs: EventInput[],
  committed: Committed,
  opts: { receivedAt: string; now: () => string; windowMs: number },
): Promise<SequencedBatch> {
  const batch: SequencedBatch = { results: [], events: [], keys: [], state };
  const local = new Map<string, { event_id: string; seq: number }>();
  for (const raw of inputs) {
    const input = normalize(raw, batch.state);
    const key = input.metadata?.idempotency_key ?? (await defaultIdempotencyKey(state.match_id, input));
    const seen = local.get(key) ?? committed.byKey(key);
    if (seen) {
      batch.results.push({ event_id: seen.event_id, sequence_number: seen.seq, status: "duplicate" });
      continue;
    }
    const outcome = decide(batch.state, input, opts.windowMs);
    if (outcome.kind === "same-as") {
      const ref = { event_id: outcome.event_id, seq: outcome.sequence_number };
      local.set(key, ref);
      batch.keys.push({ key, ...ref });
      batch.results.push({ event_id: ref.event_id, sequence_number: ref.seq, status: "duplicate" });
      continue;
    }
    const cause = outcome.causation_id;
    const event = envelope(batch.state, input, outcome, {
      sequence_number: batch.state.last_sequence + 1,
      idempotency_key: key,
      received_at: opts.receivedAt,
      published_at: opts.now(),
      correlation_of_cause: cause && (batch.events.find((e) => e.event_id === cause)?.metadata.correlation_id ?? committed.correlationOf(cause)),
    });
    batch.state = applyEvent(batch.state, event);
    batch.events.push(event);
    const ref = { event_id: event.event_id, seq: event.sequence_number };
    local.set(key, ref);
    batch.keys.push({ key, ...ref });
    batch.results.push({ event_id: ref.event_id, sequence_number: ref.seq, status: outcome.status });
  }
  return batch;
}
