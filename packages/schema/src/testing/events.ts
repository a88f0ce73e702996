// Test-only builders of contract-valid published events, shared by every package's tests (they are parsed with
// the real schema in events.test.ts).
import type {
  EventInputDraft,
  PublishedData,
  PublishedEventOf,
  PublishedEventType,
} from "../contract/index.js";

let counter = 0;
/** A fresh UUIDv7-shaped id (version 7, RFC 4122 variant), unique within the test run. */
export function eventId(): string {
  const n = (Date.now() * 1000 + counter++).toString(16).padStart(12, "0").slice(-12);
  return `0190a3e2-7b4c-7d3e-9f21-${n}`;
}

export const FRANCE = { side: "HOME", team_id: "FRA", name: "France" } as const;
export const CROATIA = { side: "AWAY", team_id: "CRO", name: "Croatia" } as const;
export const GRIEZMANN = {
  player_id: "FRA-griezmann",
  name: "Antoine Griezmann",
  jersey_number: 7,
  position: "FW",
} as const;
export const MANDZUKIC = { player_id: "CRO-mandzukic", name: "Mario Mandžukić" } as const;
export const POGBA = { player_id: "FRA-pogba", name: "Paul Pogba" } as const;

/** A published event of `match_id` (default "wc2018-final", competition wc-2018). */
export function published<T extends PublishedEventType>(
  event_type: T,
  sequence_number: number,
  data: PublishedData<T>,
  overrides: {
    match_id?: string;
    event_id?: string;
    causation_id?: string | null;
    operator_id?: string;
    published_at?: string;
    ttl_seconds?: number;
  } = {},
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
    source: {
      system: "OPTA",
      operator_id: overrides.operator_id ?? null,
      confidence: null,
      stadium_gateway_id: null,
    },
    metadata: {
      idempotency_key: `key-${sequence_number}-${counter++}`,
      correlation_id: "corr",
      causation_id: overrides.causation_id ?? null,
      ttl_seconds: overrides.ttl_seconds ?? 300,
    },
    data,
  } as PublishedEventOf<T>;
}

const clock = (minute: number) =>
  ({
    match_minute: minute,
    stoppage_minute: 0,
    match_period: minute > 45 ? "SECOND_HALF" : "FIRST_HALF",
  }) as const;

export const goal = (
  seq: number,
  score: { home: number; away: number },
  extra: Partial<PublishedData<"GOAL_SCORED">> = {},
  o = {},
) =>
  published(
    "GOAL_SCORED",
    seq,
    {
      team: FRANCE,
      ...clock(38),
      scorer: GRIEZMANN,
      assist: null,
      goal_type: "PENALTY",
      body_part: "LEFT_FOOT",
      coordinates: { x: 89.5, y: 50 },
      provisional: false,
      score_after: score,
      ...extra,
    },
    o,
  );
export const shot = (seq: number, coordinates: { x: number; y: number } | null, o = {}) =>
  published(
    "SHOT",
    seq,
    {
      team: CROATIA,
      player: MANDZUKIC,
      ...clock(50),
      outcome: "OFF_TARGET",
      body_part: "RIGHT_FOOT",
      coordinates,
    },
    o,
  );
export const card = (seq: number, kind: "YELLOW" | "RED" = "YELLOW", o = {}) =>
  published("CARD_SHOWN", seq, { team: CROATIA, player: MANDZUKIC, card: kind, ...clock(60) }, o);
export const substitution = (seq: number, o = {}) =>
  published("SUBSTITUTION", seq, { team: FRANCE, player_out: GRIEZMANN, player_in: POGBA, ...clock(70) }, o);
export const halfTime = (seq: number, o = {}) =>
  published("PERIOD_ENDED", seq, { match_period: "FIRST_HALF", match_minute: 45, stoppage_minute: 2 }, o);

/** The GOAL_SCORED input of the public contract's example, verbatim. */
export const DESIGN_GOAL_INPUT: Extract<EventInputDraft, { event_type: "GOAL_SCORED" }> = {
  event_type: "GOAL_SCORED",
  occurred_at: "2018-07-15T15:38:12.450Z",
  source: { system: "OPTA", operator_id: "op-42" },
  data: {
    team: { side: "HOME" },
    scorer: { player_id: "FRA-griezmann" },
    assist: null,
    match_minute: 38,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
    goal_type: "PENALTY",
    body_part: "LEFT_FOOT",
    coordinates: { x: 88.5, y: 40.0 },
  },
};
