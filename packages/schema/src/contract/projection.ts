// Zod-free, like all of the contract: clients fold events with it without bundling the validators.
import { MATCH_PERIODS, type MatchPeriod, type Side } from "./enums.js";
import type { FixtureInput } from "./fixture.js";
import type { PublishedEvent, Score } from "./published.js";
import type { GoalRecord, MatchState } from "./state.js";
import { counted, emptyStats, withGoalShots } from "./stats.js";

/** The state of a match with a fixture and no events yet. */
export function initialState(matchId: string, fixture: FixtureInput, now: string): MatchState {
  return {
    match_id: matchId,
    competition: fixture.competition,
    kickoff_at: fixture.kickoff_at,
    venue: fixture.venue ?? null,
    status: "SCHEDULED",
    period: null,
    in_play: false,
    minute: null,
    stoppage_minute: 0,
    last_sequence: 0,
    home: { team_id: fixture.home.team_id, name: fixture.home.name, score: 0, players: fixture.home.players },
    away: { team_id: fixture.away.team_id, name: fixture.away.name, score: 0, players: fixture.away.players },
    penalty_score: null,
    goals: [],
    cards: [],
    substitutions: [],
    shootout: [],
    var_review: null,
    stats: emptyStats(),
    updated_at: now,
  };
}

/** A fixture update keeps everything the log built and replaces what the fixture owns. */
export function withFixture(state: MatchState, fixture: FixtureInput, now: string): MatchState {
  return {
    ...state,
    competition: fixture.competition,
    kickoff_at: fixture.kickoff_at,
    venue: fixture.venue ?? null,
    home: {
      ...state.home,
      team_id: fixture.home.team_id,
      name: fixture.home.name,
      players: fixture.home.players,
    },
    away: {
      ...state.away,
      team_id: fixture.away.team_id,
      name: fixture.away.name,
      players: fixture.away.players,
    },
    updated_at: now,
  };
}

export function scoreOf(goals: GoalRecord[]): Score {
  const live = goals.filter((g) => !g.cancelled);
  return {
    home: live.filter((g) => g.side === "HOME").length,
    away: live.filter((g) => g.side === "AWAY").length,
  };
}

const periodIndex = (p: MatchPeriod | null) => (p === null ? -1 : MATCH_PERIODS.indexOf(p));

/** The clock only moves forward: a late report about minute 38 does not wind it back from 39. */
function advanceClock(s: MatchState, period: MatchPeriod, minute: number, stoppage: number): MatchState {
  const ahead =
    periodIndex(period) > periodIndex(s.period) ||
    (period === s.period &&
      (minute > (s.minute ?? -1) || (minute === s.minute && stoppage >= s.stoppage_minute)));
  return ahead ? { ...s, period, minute, stoppage_minute: stoppage } : s;
}

/** The goals as they now stand, with the score and the shots they make. */
function withScore(s: MatchState, goals: GoalRecord[]): MatchState {
  const score = scoreOf(goals);
  return {
    ...s,
    goals,
    home: { ...s.home, score: score.home },
    away: { ...s.away, score: score.away },
    stats: withGoalShots(s.stats, s.goals, goals),
  };
}

const live = (s: MatchState): MatchState => (s.status === "SCHEDULED" ? { ...s, status: "LIVE" } : s);

/** Folds one sequenced event into the state. Pure: the log replayed through it rebuilds the projection. */
export function applyEvent(state: MatchState, e: PublishedEvent): MatchState {
  let s: MatchState = {
    ...state,
    // A state folded before v1.1 has neither: it starts counting from here.
    var_review: state.var_review ?? null,
    stats: state.stats ?? emptyStats(),
    last_sequence: e.sequence_number,
    updated_at: e.published_at,
  };
  const ref = { event_id: e.event_id, sequence_number: e.sequence_number };
  switch (e.event_type) {
    case "PERIOD_STARTED":
      s = advanceClock(live(s), e.data.match_period, e.data.match_minute, 0);
      s = { ...s, period: e.data.match_period, in_play: true };
      return e.data.match_period === "PENALTY_SHOOTOUT"
        ? { ...s, penalty_score: s.penalty_score ?? { home: 0, away: 0 } }
        : s;
    case "PERIOD_ENDED":
      return {
        ...advanceClock(s, e.data.match_period, e.data.match_minute, e.data.stoppage_minute),
        in_play: false,
      };
    case "GOAL_SCORED": {
      const d = e.data;
      const goal: GoalRecord = {
        ...ref,
        amended_sequence: null,
        side: d.team.side,
        team_id: d.team.team_id,
        scorer: d.scorer,
        assist: d.assist,
        goal_type: d.goal_type,
        body_part: d.body_part,
        coordinates: d.coordinates,
        match_minute: d.match_minute,
        stoppage_minute: d.stoppage_minute,
        match_period: d.match_period,
        occurred_at: e.occurred_at,
        provisional: d.provisional,
        cancelled: false,
        cancel_reason: null,
      };
      return withScore(advanceClock(live(s), d.match_period, d.match_minute, d.stoppage_minute), [
        ...s.goals,
        goal,
      ]);
    }
    case "GOAL_AMENDED": {
      const d = e.data;
      const goals = s.goals.map((g) =>
        g.event_id !== e.metadata.causation_id
          ? g
          : {
              ...g,
              amended_sequence: e.sequence_number,
              scorer: d.scorer,
              assist: d.assist,
              goal_type: d.goal_type,
              body_part: d.body_part,
              coordinates: d.coordinates,
              match_minute: d.match_minute,
              stoppage_minute: d.stoppage_minute,
              provisional: false,
            },
      );
      return withScore(s, goals);
    }
    case "GOAL_CANCELLED": {
      const goals = s.goals.map((g) =>
        g.event_id === e.metadata.causation_id ? { ...g, cancelled: true, cancel_reason: e.data.reason } : g,
      );
      return withScore(s, goals);
    }
    case "CARD_SHOWN": {
      const d = e.data;
      const card = {
        ...ref,
        side: d.team.side,
        player: d.player,
        card: d.card,
        match_minute: d.match_minute,
        stoppage_minute: d.stoppage_minute,
        match_period: d.match_period,
      };
      return {
        ...advanceClock(live(s), d.match_period, d.match_minute, d.stoppage_minute),
        cards: [...s.cards, card],
      };
    }
    case "SUBSTITUTION": {
      const d = e.data;
      const sub = {
        ...ref,
        side: d.team.side,
        player_out: d.player_out,
        player_in: d.player_in,
        match_minute: d.match_minute,
        stoppage_minute: d.stoppage_minute,
        match_period: d.match_period,
      };
      return {
        ...advanceClock(live(s), d.match_period, d.match_minute, d.stoppage_minute),
        substitutions: [...s.substitutions, sub],
      };
    }
    case "SHOT":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE": {
      const d = e.data;
      const moved = advanceClock(live(s), d.match_period, d.match_minute, d.stoppage_minute);
      return { ...moved, stats: counted(s.stats, d.team.side, e.event_type) };
    }
    case "VAR_REVIEW_STARTED": {
      const d = e.data;
      const var_review = {
        event_id: e.event_id,
        reason: d.reason,
        started_at: e.occurred_at,
        causation_id: e.metadata.causation_id,
      };
      return { ...advanceClock(live(s), d.match_period, d.match_minute, d.stoppage_minute), var_review };
    }
    // An overturned goal is taken off by the GOAL_CANCELLED the room sequences right after (see the README).
    case "VAR_REVIEW_ENDED":
      return s.var_review?.event_id === e.metadata.causation_id ? { ...s, var_review: null } : s;
    case "PENALTY_SHOOTOUT_KICK": {
      const d = e.data;
      const kick = {
        ...ref,
        side: d.team.side,
        kick_number: d.kick_number,
        player: d.player,
        scored: d.scored,
      };
      return {
        ...live(s),
        period: "PENALTY_SHOOTOUT",
        shootout: [...s.shootout, kick],
        penalty_score: d.penalty_score_after,
      };
    }
    case "MATCH_ENDED":
      return { ...s, status: "FINISHED", in_play: false };
  }
}

/** Rebuilds the projection from the fixture and the whole log. */
export function rebuild(
  matchId: string,
  fixture: FixtureInput,
  log: Iterable<PublishedEvent>,
  createdAt: string,
): MatchState {
  let s = initialState(matchId, fixture, createdAt);
  for (const e of log) s = applyEvent(s, e);
  return s;
}

export function penaltyScoreAfter(s: MatchState, side: Side, scored: boolean): Score {
  const p = s.penalty_score ?? { home: 0, away: 0 };
  if (!scored) return p;
  return side === "HOME" ? { ...p, home: p.home + 1 } : { ...p, away: p.away + 1 };
}
