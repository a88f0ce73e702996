import type { MatchState, PublishedEvent, Side } from "@buzz/schema/contract";

const at = (seq: number) => new Date(Date.UTC(2018, 6, 15, 15, 0, seq)).toISOString();

function envelope(state: MatchState, seq: number) {
  return {
    event_id: `evt-${state.match_id}-${seq}`,
    event_version: 2 as const,
    match_id: state.match_id,
    competition: state.competition,
    occurred_at: at(seq),
    received_at: at(seq),
    published_at: at(seq),
    sequence_number: seq,
    source: { system: "SIMULATOR" as const, operator_id: null, confidence: null, stadium_gateway_id: null },
    metadata: {
      idempotency_key: `key-${seq}`,
      correlation_id: `corr-${seq}`,
      causation_id: null,
      ttl_seconds: 3600,
    },
  };
}

const clock = (seq: number) => ({
  match_minute: Math.min(seq, 45),
  stoppage_minute: 0,
  match_period: "FIRST_HALF" as const,
});
const teamOf = (state: MatchState, side: Side) => {
  const t = side === "HOME" ? state.home : state.away;
  return { side, team_id: t.team_id, name: t.name };
};
const playerOf = (state: MatchState, side: Side) => {
  const p = (side === "HOME" ? state.home : state.away).players[0]!;
  return { player_id: p.player_id, name: p.name };
};

/** A published SHOT, numbered `seq`, for the match in `state`. */
export function shotEvent(state: MatchState, seq: number): PublishedEvent {
  return {
    ...envelope(state, seq),
    event_type: "SHOT",
    data: {
      team: teamOf(state, "HOME"),
      player: playerOf(state, "HOME"),
      ...clock(seq),
      outcome: "OFF_TARGET",
      body_part: null,
      coordinates: null,
    },
  };
}

/** A published GOAL_SCORED for `side`, numbered `seq`, with the score it leads to. */
export function goalEvent(state: MatchState, seq: number, side: Side): PublishedEvent {
  const score_after = {
    home: state.home.score + (side === "HOME" ? 1 : 0),
    away: state.away.score + (side === "AWAY" ? 1 : 0),
  };
  return {
    ...envelope(state, seq),
    event_type: "GOAL_SCORED",
    data: {
      team: teamOf(state, side),
      ...clock(seq),
      scorer: playerOf(state, side),
      assist: null,
      goal_type: "OPEN_PLAY",
      body_part: null,
      coordinates: null,
      provisional: false,
      score_after,
    },
  };
}
