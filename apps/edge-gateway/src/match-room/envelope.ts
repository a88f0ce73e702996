import {
  EVENT_CATALOGUE,
  EVENT_VERSION,
  type EventInput,
  type MatchState,
  type PublishedEvent,
} from "@buzz/schema/contract";
import { v7 as uuidv7 } from "uuid";
import type { Publish } from "./decide.js";

export interface EnvelopeContext {
  sequence_number: number;
  idempotency_key: string;
  received_at: string;
  published_at: string;
  /** The correlation id of the goal an amendment or cancellation refers to, so the whole story shares one. */
  correlation_of_cause: string | null;
}

/** Wraps a decision into the published envelope: the platform fills what the source does not own. */
export function envelope(
  state: MatchState,
  input: EventInput,
  outcome: Publish,
  ctx: EnvelopeContext,
): PublishedEvent {
  const event_id = uuidv7();
  return {
    event_id,
    event_type: outcome.event_type,
    event_version: EVENT_VERSION,
    match_id: state.match_id,
    competition: state.competition,
    occurred_at: input.occurred_at,
    received_at: ctx.received_at,
    published_at: ctx.published_at,
    sequence_number: ctx.sequence_number,
    source: {
      system: input.source.system,
      operator_id: input.source.operator_id ?? null,
      confidence: input.source.confidence ?? null,
      stadium_gateway_id: input.source.stadium_gateway_id ?? null,
    },
    data: outcome.data,
    metadata: {
      idempotency_key: ctx.idempotency_key,
      correlation_id: input.metadata?.correlation_id ?? ctx.correlation_of_cause ?? `corr-${event_id}`,
      causation_id: outcome.causation_id,
      ttl_seconds: input.metadata?.ttl_seconds ?? EVENT_CATALOGUE[outcome.event_type].ttl_seconds,
    },
  } as PublishedEvent;
}
