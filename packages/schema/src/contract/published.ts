// A sequenced event as the MatchRoom logs it and every consumer (queue, socket, SSE, SDK, webhook) receives it.
// Checked by ../validate/published.ts.
import type {
  AssistType,
  BodyPart,
  Card,
  GoalType,
  MatchPeriod,
  Position,
  ShotOutcome,
  Side,
  SourceSystem,
  VarDecision,
  VarReason,
} from "./enums.js";
import type { EVENT_VERSION, PublishedEventType } from "./events.js";
import type { Competition } from "./fixture.js";
import type { Coordinates } from "./input.js";

/** A player as published: the platform fills name, number and position from the fixture's roster. */
export interface PublishedPlayer {
  player_id: string;
  name: string;
  jersey_number?: number;
  position?: Position;
}

/** The assist of a goal: the player, and how when the source said (v1.1). */
export type PublishedAssist = PublishedPlayer & { type?: AssistType };

export interface PublishedTeam {
  side: Side;
  team_id: string;
  name: string;
}

export interface Score {
  home: number;
  away: number;
}

interface Clock {
  match_minute: number;
  stoppage_minute: number;
  match_period: MatchPeriod;
}

interface GoalDetail {
  scorer: PublishedPlayer | null;
  assist: PublishedAssist | null;
  goal_type: GoalType | null;
  body_part: BodyPart | null;
  coordinates: Coordinates | null;
}

/** The `data` of each published event type. */
export interface PublishedEventData {
  PERIOD_STARTED: { match_period: MatchPeriod; match_minute: number };
  PERIOD_ENDED: Clock;
  /** `provisional: true` when sequenced from the goal-line sensor before the operator named the scorer. */
  GOAL_SCORED: { team: PublishedTeam; provisional: boolean; score_after: Score } & Clock & GoalDetail;
  /** The goal (`metadata.causation_id`) as it now stands: the full detail, not a diff. */
  GOAL_AMENDED: { team: PublishedTeam; provisional: false; score_after: Score } & Clock & GoalDetail;
  GOAL_CANCELLED: { team: PublishedTeam; reason: string; score_after: Score } & Clock;
  CARD_SHOWN: { team: PublishedTeam; player: PublishedPlayer; card: Card } & Clock;
  SUBSTITUTION: { team: PublishedTeam; player_out: PublishedPlayer; player_in: PublishedPlayer } & Clock;
  SHOT: {
    team: PublishedTeam;
    player: PublishedPlayer;
    outcome: ShotOutcome;
    body_part: BodyPart | null;
    coordinates: Coordinates | null;
  } & Clock;
  PENALTY_SHOOTOUT_KICK: {
    team: PublishedTeam;
    player: PublishedPlayer | null;
    kick_number: number;
    scored: boolean;
    penalty_score_after: Score;
  };
  MATCH_ENDED: {
    match_minute: number;
    stoppage_minute: number;
    final_score: Score;
    penalty_score: Score | null;
  };
  /** `metadata.causation_id`: the event under review, when there is one. */
  VAR_REVIEW_STARTED: { reason: VarReason } & Clock;
  /** `metadata.causation_id`: the review; `reason` repeats the review's. */
  VAR_REVIEW_ENDED: { reason: VarReason; decision: VarDecision } & Clock;
  CORNER_KICK: PublishedIncident;
  FOUL: PublishedIncident;
  OFFSIDE: PublishedIncident;
  SAVE: PublishedIncident;
}

type PublishedIncident = { team: PublishedTeam; player: PublishedPlayer | null } & Clock;
export type PublishedData<T extends PublishedEventType> = PublishedEventData[T];

export interface PublishedSource {
  system: SourceSystem;
  operator_id: string | null;
  confidence: number | null;
  stadium_gateway_id: string | null;
}

export interface PublishedMetadata {
  idempotency_key: string;
  correlation_id: string;
  causation_id: string | null;
  ttl_seconds: number;
}

export interface PublishedEventOf<T extends PublishedEventType> {
  /** UUIDv7. */
  event_id: string;
  event_type: T;
  event_version: typeof EVENT_VERSION;
  match_id: string;
  competition: Competition;
  occurred_at: string;
  received_at: string;
  published_at: string;
  /** 1, 2, 3 … per match, with no gaps. */
  sequence_number: number;
  source: PublishedSource;
  metadata: PublishedMetadata;
  data: PublishedEventData[T];
}
export type PublishedEvent = { [T in PublishedEventType]: PublishedEventOf<T> }[PublishedEventType];
