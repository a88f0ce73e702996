import type { Issue } from "./errors.js";
import type { EventType } from "./events.js";
import type { DeadLetterState } from "./queues.js";

/** The stages an event passes, in order; each has a timestamp once it is through. */
export const STAGES = ["occurred", "received", "sequenced", "enriched", "routed", "dispatched"] as const;
export type Stage = (typeof STAGES)[number];

/** The reference design's budget per hop, in ms (gateway 50, enrichment 50, routing 30, dispatch 100). */
export const STAGE_BUDGET_MS: Partial<Record<Stage, number>> = {
  received: 50,
  enriched: 50,
  routed: 30,
  dispatched: 100,
};

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
  dispatch: {
    attempted: number;
    delivered: number;
    pruned: number;
    retried: number;
    dead: number;
    superseded: number;
  };
  /** Time spent reaching each stage from the previous one (`received` = received_at − occurred_at, …). */
  latency: Record<Exclude<Stage, "occurred">, Percentiles>;
  sockets: { match_id: string; websockets: number; sse: number }[];
  /** Clients of the live list (`GET /v1/live/matches`): the directory's and its list shards'. */
  list_sockets: number;
  /** Sequenced events the rooms' sweepers found missing from the archive and handed to the pipeline again. */
  archive: { requeued_by_sweeper: number };
}

/** One event's journey, for the latency waterfall: `GET /v1/ops/matches/{id}/latency` (admin). */
export interface EventTimings {
  event_id: string;
  sequence_number: number;
  event_type: EventType;
  at: Partial<Record<Stage, string>>;
}

/** One entry of `GET /v1/ops/dead-letters`. */
export interface DeadLetterView {
  id: string;
  /** The dead-letter queue it arrived on. */
  queue: string;
  /** The queue it died on, where a redrive sends it. */
  source_queue: string;
  message_id: string;
  event_id: string | null;
  reason: string | null;
  issues: Issue[] | null;
  attempts: number | null;
  state: DeadLetterState;
  enqueued_at: string | null;
  first_seen_at: string;
  redriven_at: string | null;
  /** The original message, as the source queue carried it. */
  body: unknown;
}

/** The rules of `GET /v1/ops/alerts` (contract v1.1), each with its threshold. */
export const ALERT_RULES = {
  /** p99 of published_at − occurred_at over the window, ms. */
  publish_delay_p99: 2_000,
  /** Share of push attempts that failed over the window (at least 10 attempts). */
  push_failure_rate: 0.05,
  /** Dead letters recorded in the window. */
  dead_letters_growing: 0,
  /** Age of the oldest work waiting in a room's outbox or a pipeline queue, s. */
  backlog_age: 60,
  /** Sequenced events the archive has not received one window after publication. */
  unarchived_events: 0,
} as const;
export type AlertRule = keyof typeof ALERT_RULES;

/** One alert: a rule firing, or resolved (kept until the rule fires again, with a new id). */
export interface Alert {
  id: string;
  rule: AlertRule;
  state: "firing" | "resolved";
  /** When it started firing, or when it resolved. */
  since: string;
  value: number;
  threshold: number;
}

/** `GET /v1/ops/alerts` (admin). */
export interface AlertsResponse {
  alerts: Alert[];
}
