// What a source sends: `POST /v1/matches/{id}/events` (one event or `{"events": [...]}`). The zod schemas that
// check it are in ../validate/input.ts, and a compile-time check keeps the two equal.
import type {
  AssistType,
  BodyPart,
  Card,
  GoalType,
  MatchPeriod,
  ShotOutcome,
  Side,
  SourceSystem,
  VarDecision,
  VarReason,
} from "./enums.js";
import type { EventType } from "./events.js";

export interface TeamRef {
  side: Side;
}
export interface PlayerRef {
  player_id: string;
}
/** Who set the goal up, and how (v1.1; a v1 source sends the player alone). */
export interface AssistRef {
  player_id: string;
  type?: AssistType;
}
/** 0-100 along the pitch (attacking towards x = 100) and across it. */
export interface Coordinates {
  x: number;
  y: number;
}

export interface Source {
  system: SourceSystem;
  operator_id?: string;
  /** 0-1, as the source rates its own report. */
  confidence?: number;
  stadium_gateway_id?: string;
}

export interface MetadataInput {
  /** Default: the contract's key (see idempotency.ts). */
  idempotency_key?: string;
  correlation_id?: string;
  /**
   * The event this one refers to, by `event_id`: the goal of an amendment or cancellation, the event under a VAR
   * review when there is one (a GOAL review defaults to the latest goal on the score), the review a
   * VAR_REVIEW_ENDED closes (default: the review running).
   */
  causation_id?: string;
  /** Web Push TTL; default from the event catalogue. */
  ttl_seconds?: number;
}

/** Where an event sits in the match clock. */
interface Clock {
  match_minute: number;
  stoppage_minute: number;
  match_period: MatchPeriod;
}
/** The same, for events the platform can place on the clock itself (from the match state). */
type OptionalClock = Partial<Clock>;

/** The `data` of each event type, as a source sends it. */
export interface EventDataInput {
  PERIOD_STARTED: { match_period: MatchPeriod; match_minute?: number };
  PERIOD_ENDED: { match_period: MatchPeriod; match_minute?: number; stoppage_minute?: number };
  GOAL_LINE_SIGNAL: { team: TeamRef } & OptionalClock;
  GOAL_SCORED: {
    team: TeamRef;
    scorer: PlayerRef;
    assist?: AssistRef | null;
    goal_type: GoalType;
    body_part?: BodyPart;
    coordinates?: Coordinates;
  } & Clock;
  GOAL_AMENDED: {
    scorer?: PlayerRef;
    assist?: AssistRef | null;
    goal_type?: GoalType;
    body_part?: BodyPart;
    coordinates?: Coordinates;
    match_minute?: number;
    stoppage_minute?: number;
  };
  GOAL_CANCELLED: { reason: string };
  CARD_SHOWN: { team: TeamRef; player: PlayerRef; card: Card } & Clock;
  SUBSTITUTION: { team: TeamRef; player_out: PlayerRef; player_in: PlayerRef } & Clock;
  SHOT: {
    team: TeamRef;
    player: PlayerRef;
    outcome: ShotOutcome;
    body_part?: BodyPart;
    coordinates?: Coordinates;
  } & Clock;
  PENALTY_SHOOTOUT_KICK: { team: TeamRef; player?: PlayerRef; kick_number: number; scored: boolean };
  MATCH_ENDED: { match_minute?: number; stoppage_minute?: number };
  VAR_REVIEW_STARTED: { reason: VarReason } & OptionalClock;
  VAR_REVIEW_ENDED: { decision: VarDecision } & OptionalClock;
  CORNER_KICK: Incident;
  FOUL: Incident;
  OFFSIDE: Incident;
  SAVE: Incident;
}

/** A corner, foul, offside or save: the side it is credited to (the fouling side, the saving side…), the player when named. */
type Incident = { team: TeamRef; player?: PlayerRef } & Clock;

/** One event as a source sends it (defaults applied): the fields it owns. The platform fills the rest. */
export interface EventInputOf<T extends EventType> {
  event_type: T;
  event_version?: number;
  occurred_at: string;
  source: Source;
  metadata?: MetadataInput;
  data: EventDataInput[T];
}
export type EventInput = { [T in EventType]: EventInputOf<T> }[EventType];

/**
 * Fields a source may leave out because the contract gives them a default: `stoppage_minute` 0, a cancellation's
 * `reason` "VAR" (a VAR review's `reason` has none).
 */
type Defaulted<T extends EventType> = T extends "GOAL_CANCELLED"
  ? "stoppage_minute" | "reason"
  : "stoppage_minute";
type DraftOf<D, K extends PropertyKey> = Omit<D, K> & Partial<Pick<D, Extract<keyof D, K>>>;

/** What a source may write: an EventInput before the defaults. */
export type EventInputDraft = {
  [T in EventType]: Omit<EventInputOf<T>, "data"> & { data: DraftOf<EventDataInput[T], Defaulted<T>> };
}[EventType];
