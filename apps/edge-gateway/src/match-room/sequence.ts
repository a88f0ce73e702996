import {
  applyEvent,
  defaultIdempotencyKey,
  type EventInput,
  type IngestResult,
  type MatchState,
  type PublishedEvent,
} from "@buzz/schema/contract";
import { decide, normalize } from "./decide.js";
import { envelope } from "./envelope.js";
import { admit, checkOutcome } from "./phase.js";
import { followUps } from "./var.js";

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
 * one transaction or none of it. Throws DomainError (a client error) on the first event that cannot be taken.
 */
export async function sequenceBatch(
  state: MatchState,
  inputs: EventInput[],
  committed: Committed,
  opts: { receivedAt: string; now: () => string; windowMs: number },
): Promise<SequencedBatch> {
  const batch: SequencedBatch = { results: [], events: [], keys: [], state };
  const local = new Map<string, { event_id: string; seq: number }>();
  /** Takes one event (a source's, or one the room derives) into the batch. */
  const take = async (raw: EventInput): Promise<IngestResult> => {
    const input = normalize(raw, batch.state);
    const key = input.metadata?.idempotency_key ?? (await defaultIdempotencyKey(state.match_id, input));
    const seen = local.get(key) ?? committed.byKey(key);
    if (seen) return { event_id: seen.event_id, sequence_number: seen.seq, status: "duplicate" };
    admit(batch.state, input);
    const outcome = decide(batch.state, input, opts.windowMs);
    checkOutcome(batch.state, input, outcome);
    if (outcome.kind === "same-as") {
      const ref = { event_id: outcome.event_id, seq: outcome.sequence_number };
      local.set(key, ref);
      batch.keys.push({ key, ...ref });
      return { event_id: ref.event_id, sequence_number: ref.seq, status: "duplicate" };
    }
    const cause = outcome.causation_id;
    const event = envelope(batch.state, input, outcome, {
      sequence_number: batch.state.last_sequence + 1,
      idempotency_key: key,
      received_at: opts.receivedAt,
      published_at: opts.now(),
      correlation_of_cause:
        cause &&
        (batch.events.find((e) => e.event_id === cause)?.metadata.correlation_id ??
          committed.correlationOf(cause)),
    });
    const before = batch.state;
    batch.state = applyEvent(batch.state, event);
    batch.events.push(event);
    const ref = { event_id: event.event_id, seq: event.sequence_number };
    local.set(key, ref);
    batch.keys.push({ key, ...ref });
    // What the event makes the room sequence itself comes right after it (var.ts); its result is not the source's.
    for (const next of followUps(before, event)) await take(next);
    return { event_id: ref.event_id, sequence_number: ref.seq, status: outcome.status };
  };
  for (const raw of inputs) batch.results.push(await take(raw));
  return batch;
}
