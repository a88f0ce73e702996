import type { EventType } from "./input.js";

/** The stages an event passes, in order; each has a timestamp once it is through. */
export const STAGES = ["occurred", "received", "sequenced", "enriched", "routed", "dispatched"] as const;
export type Stage = (typeof STAGES)[number];

/** The reference design's budget per hop, in ms (gateway 50, enrichment 50, routing 30, dispatch 100). */
export const STAGE_BUDGET_MS: Partial<Record<Stage, number>> = { received: 50, enriched: 50, routed: 30, dispatched: 100 };

export interface Percentiles {
  n: number;
  p50_ms: number | null;
  p99_ms: number | null;
}

/** `GET /v1/ops/health` (admin). */
export interface OpsHealth {
  generated_at: string;
  queues: { name: string; backlog: number | null; dead_letters: number }[];
  /**
   * delivered + pruned + dead = attempted once nothing is in flight; `retried` counts retry attempts;
   * `superseded` pushes were not attempted: a newer one with their tag was already on the phone.
   */
  dispatch: { attempted: number; delivered: number; pruned: number; retried: number; dead: number; superseded: number };
  /** Time spent reaching each stage from the previous one (`received` = received_at − occurred_at, …). */
  latency: Record<Exclude<Stage, "occurred">, Percentiles>;
  sockets: { match_id: string; websockets: number; sse: number }[];
}

/** One event's journey, for the latency waterfall: `GET /v1/ops/matches/{id}/latency` (admin). */
export interface EventTimings {
  event_id: string;
  sequence_number: number;
  event_type: EventType;
  at: Partial<Record<Stage, string>>;
}
