// Test-only stand-ins for the Queues runtime (messages, batches, producers) and builders of contract-valid
// published events, for the Node tests of enrich and route.
import type { PublishedData, PublishedEventOf, PublishedEventType } from "@buzz/schema";
import type { DbEnv } from "../db/index.js";
import { MAX_BATCH_BYTES, MAX_BATCH_MESSAGES } from "./queue.js";

export type Outcome = { ack: true } | { retry: { delaySeconds?: number } };

export interface FakeMessage extends Message {
  /** Every ack()/retry() call, in order: a consumer must make exactly one. */
  outcomes: Outcome[];
}

export function fakeMessage(id: string, body: unknown, attempts = 1): FakeMessage {
  const outcomes: Outcome[] = [];
  return {
    id, body, attempts, outcomes, timestamp: new Date("2026-06-14T18:00:00.000Z"),
    ack: () => void outcomes.push({ ack: true }),
    retry: (options?: QueueRetryOptions) => void outcomes.push({ retry: { ...options } }),
  };
}

export function fakeBatch(queue: string, messages: FakeMessage[]): MessageBatch {
  return {
    queue, messages, metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => messages.forEach((m) => m.ack()),
    retryAll: (options) => messages.forEach((m) => m.retry(options)),
  } as MessageBatch;
}

/** The single outcome of each message, by id; throws if a message got none or several. */
export function outcomesOf(messages: FakeMessage[]): Record<string, "ack" | "retry"> {
  return Object.fromEntries(
    messages.map((m) => {
      if (m.outcomes.length !== 1) throw new Error(`message ${m.id} got ${m.outcomes.length} outcomes: ${JSON.stringify(m.outcomes)}`);
      return [m.id, "ack" in m.outcomes[0]! ? "ack" : "retry"];
    }),
  );
}

/**
 * A producer binding that keeps what it was sent and holds sendBatch to the platform's limits (measured as the
 * JSON the json content type stores, plus the documented ~100 bytes of metadata per message). `failures` makes
 * the next n calls throw, as an unavailable queue does.
 */
export class FakeQueue {
  batches: unknown[][] = [];
  sent: unknown[] = [];
  failures = 0;
  readonly encoder = new TextEncoder();

  /** requireJson: refuse bodies not sent with contentType "json" (what enrich and route send). */
  constructor(readonly requireJson = true) {}

  async send(body: unknown): Promise<void> {
    this.fail();
    this.sent.push(body);
  }

  async sendBatch(messages: Iterable<MessageSendRequest>): Promise<void> {
    this.fail();
    const list = [...messages];
    const bytes = list.reduce((n, m) => n + this.encoder.encode(JSON.stringify(m.body)).byteLength + 100, 0);
    if (list.length > MAX_BATCH_MESSAGES) throw new Error(`sendBatch of ${list.length} messages`);
    if (bytes > MAX_BATCH_BYTES) throw new Error(`sendBatch of ${bytes} bytes`);
    if (this.requireJson && list.some((m) => m.contentType !== "json")) throw new Error("bodies are sent as json");
    this.batches.push(list.map((m) => m.body));
    this.sent.push(...list.map((m) => m.body));
  }

  private fail() {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("Queue send failed: service unavailable");
    }
  }
}

/** An Env for a consumer under test: the database of a test backend and fake producers. */
export function testEnv(db: DbEnv, queues: Record<string, FakeQueue>, vars: Record<string, string> = {}): Env {
  return { ...db, ...queues, ...vars } as unknown as Env;
}

/** A database URL nothing listens on: Postgres "down". */
export const DOWN: DbEnv = { DATABASE_URL: "postgres://postgres@127.0.0.1:9/buzz" };

let counter = 0;
/** A fresh UUIDv7-shaped id (version 7, RFC 4122 variant), unique within the test run. */
export function eventId(): string {
  const n = (Date.now() * 1000 + counter++).toString(16).padStart(12, "0").slice(-12);
  return `0190a3e2-7b4c-7d3e-9f21-${n}`;
}

export const FRANCE = { side: "HOME", team_id: "FRA", name: "France" } as const;
export const CROATIA = { side: "AWAY", team_id: "CRO", name: "Croatia" } as const;
export const GRIEZMANN = { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7, position: "FW" } as const;
export const MANDZUKIC = { player_id: "CRO-mandzukic", name: "Mario Mandžukić" } as const;
export const POGBA = { player_id: "FRA-pogba", name: "Paul Pogba" } as const;

/** A published event of `match_id` (default "wc2018-final", competition wc-2018). */
export function published<T extends PublishedEventType>(
  event_type: T,
  sequence_number: number,
  data: PublishedData<T>,
  overrides: { match_id?: string; event_id?: string; causation_id?: string; operator_id?: string; published_at?: string } = {},
): PublishedEventOf<T> {
  const at = overrides.published_at ?? new Date(Date.UTC(2026, 5, 14, 18, 0, sequence_number)).toISOString();
  return {
    event_type,
    event_id: overrides.event_id ?? eventId(),
    event_version: 2,
    match_id: overrides.match_id ?? "wc2018-final",
    competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
    occurred_at: at,
    received_at: at,
    published_at: at,
    sequence_number,
    source: { system: "OPTA", operator_id: overrides.operator_id ?? null, confidence: null, stadium_gateway_id: null },
    metadata: { idempotency_key: `key-${sequence_number}-${counter++}`, correlation_id: "corr", causation_id: overrides.causation_id ?? null, ttl_seconds: 300 },
    data,
  } as PublishedEventOf<T>;
}

const clock = (minute: number) => ({ match_minute: minute, stoppage_minute: 0, match_period: minute > 45 ? "SECOND_HALF" : "FIRST_HALF" }) as const;

export const goal = (seq: number, score: { home: number; away: number }, extra: Partial<PublishedData<"GOAL_SCORED">> = {}, o = {}) =>
  published("GOAL_SCORED", seq, {
    team: FRANCE, ...clock(38), scorer: GRIEZMANN, assist: null, goal_type: "PENALTY", body_part: "LEFT_FOOT",
    coordinates: { x: 89.5, y: 50 }, provisional: false, score_after: score, ...extra,
  }, o);
export const shot = (seq: number, coordinates: { x: number; y: number } | null, o = {}) =>
  published("SHOT", seq, { team: CROATIA, player: MANDZUKIC, ...clock(50), outcome: "OFF_TARGET", body_part: "RIGHT_FOOT", coordinates }, o);
export const card = (seq: number, kind: "YELLOW" | "RED" = "YELLOW", o = {}) =>
  published("CARD_SHOWN", seq, { team: CROATIA, player: MANDZUKIC, card: kind, ...clock(60) }, o);
export const substitution = (seq: number, o = {}) =>
  published("SUBSTITUTION", seq, { team: FRANCE, player_out: GRIEZMANN, player_in: POGBA, ...clock(70) }, o);
export const halfTime = (seq: number, o = {}) =>
  published("PERIOD_ENDED", seq, { match_period: "FIRST_HALF", match_minute: 45, stoppage_minute: 2 }, o);
