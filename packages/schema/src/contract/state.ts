import type { Card, MatchPeriod, MatchStatus, Side, VarReason } from "./enums.js";
import type { Competition, Player } from "./fixture.js";
import type { PublishedAssist, PublishedData, PublishedPlayer, Score } from "./published.js";

export interface TeamState {
  team_id: string;
  name: string;
  /** Goals in regular and extra time; a shoot-out counts only in `penalty_score`. */
  score: number;
  players: Player[];
}

export interface GoalRecord {
  event_id: string;
  sequence_number: number;
  /** Sequence number of the latest GOAL_AMENDED, if any. */
  amended_sequence: number | null;
  side: Side;
  team_id: string;
  scorer: PublishedPlayer | null;
  assist: PublishedAssist | null;
  goal_type: PublishedData<"GOAL_SCORED">["goal_type"];
  body_part: PublishedData<"GOAL_SCORED">["body_part"];
  coordinates: PublishedData<"GOAL_SCORED">["coordinates"];
  match_minute: number;
  stoppage_minute: number;
  match_period: MatchPeriod;
  occurred_at: string;
  provisional: boolean;
  cancelled: boolean;
  cancel_reason: string | null;
}

export interface CardRecord {
  event_id: string;
  sequence_number: number;
  side: Side;
  player: PublishedPlayer;
  card: Card;
  match_minute: number;
  stoppage_minute: number;
  match_period: MatchPeriod;
}

export interface SubstitutionRecord {
  event_id: string;
  sequence_number: number;
  side: Side;
  player_out: PublishedPlayer;
  player_in: PublishedPlayer;
  match_minute: number;
  stoppage_minute: number;
  match_period: MatchPeriod;
}

export interface KickRecord {
  event_id: string;
  sequence_number: number;
  side: Side;
  kick_number: number;
  player: PublishedPlayer | null;
  scored: boolean;
}

/** A VAR review running (contract v1.1). */
export interface VarReview {
  /** The VAR_REVIEW_STARTED, which the VAR_REVIEW_ENDED names in `metadata.causation_id`. */
  event_id: string;
  reason: VarReason;
  /** The start's `occurred_at`. */
  started_at: string;
  /** The event under review, when there is one. */
  causation_id: string | null;
}

/** One side's counts (contract v1.1). */
export interface SideStats {
  corners: number;
  fouls: number;
  offsides: number;
  saves: number;
  /** SHOT events and goals the side scored itself (own goals and goals taken off the score excluded), as analytics counts attempts. */
  shots: number;
}

/** The projection of a match's log: `GET /v1/matches/{id}` and the live snapshot. */
export interface MatchState {
  match_id: string;
  competition: Competition;
  kickoff_at: string;
  venue: string | null;
  status: MatchStatus;
  period: MatchPeriod | null;
  /** Whether the ball is in play (a period has started and not yet ended). */
  in_play: boolean;
  minute: number | null;
  stoppage_minute: number;
  last_sequence: number;
  home: TeamState;
  away: TeamState;
  penalty_score: Score | null;
  goals: GoalRecord[];
  cards: CardRecord[];
  substitutions: SubstitutionRecord[];
  shootout: KickRecord[];
  var_review: VarReview | null;
  stats: { home: SideStats; away: SideStats };
  updated_at: string;
}

/** One row of `GET /v1/matches`: the state without its lists, rosters and v1.1 match-centre detail. */
export interface MatchSummary
  extends Omit<
    MatchState,
    "goals" | "cards" | "substitutions" | "shootout" | "home" | "away" | "var_review" | "stats"
  > {
  home: Omit<TeamState, "players">;
  away: Omit<TeamState, "players">;
}

export function summarize(state: MatchState): MatchSummary {
  const {
    goals: _g,
    cards: _c,
    substitutions: _s,
    shootout: _k,
    var_review: _v,
    stats: _st,
    home,
    away,
    ...rest
  } = state;
  return {
    ...rest,
    home: { team_id: home.team_id, name: home.name, score: home.score },
    away: { team_id: away.team_id, name: away.name, score: away.score },
  };
}

/** The live list's order (`GET /v1/matches`, `/v1/live/matches`): by kickoff time, then match id. */
export function compareSummaries(a: MatchSummary, b: MatchSummary): number {
  const d = Date.parse(a.kickoff_at) - Date.parse(b.kickoff_at);
  return d !== 0 ? d : a.match_id < b.match_id ? -1 : a.match_id > b.match_id ? 1 : 0;
}

/**
 * Whether summary `a` may replace `b` of the same match: a later sequence, or the same one edited no earlier (a
 * fixture edit moves updated_at, not the sequence). Updates can arrive out of order across reconnects and shards.
 */
export function isNewerSummary(a: MatchSummary, b: MatchSummary): boolean {
  return (
    a.last_sequence > b.last_sequence || (a.last_sequence === b.last_sequence && a.updated_at >= b.updated_at)
  );
}
