import {
  type AssistType,
  type EventInput,
  type EventInputOf,
  MATCH_PERIODS,
  type MatchPeriod,
  type MatchState,
  PERIOD_START_MINUTE,
  type PublishedData,
  type PublishedEventType,
  penaltyScoreAfter,
  scoreOf,
} from "@buzz/schema/contract";
import { DomainError } from "../errors/domain.js";
import { sameGoal } from "./fusion.js";
import { playerOf, scorerSide, teamOf } from "./roster.js";
import { reviewEnded, reviewStarted } from "./var.js";

export type Publish = {
  [T in PublishedEventType]: {
    kind: "publish";
    status: "sequenced" | "amended";
    event_type: T;
    data: PublishedData<T>;
    causation_id: string | null;
  };
}[PublishedEventType];

/** What one source event becomes: a new log entry, or a report of a fact the log already has. */
export type Outcome = Publish | { kind: "same-as"; event_id: string; sequence_number: number };

const PERIOD_END_MINUTE: Record<MatchPeriod, number> = {
  FIRST_HALF: 45,
  SECOND_HALF: 90,
  EXTRA_TIME_FIRST_HALF: 105,
  EXTRA_TIME_SECOND_HALF: 120,
  PENALTY_SHOOTOUT: 120,
};
const periodIndex = (p: MatchPeriod | null) => (p === null ? -1 : MATCH_PERIODS.indexOf(p));

function conflict(code: string, message: string): never {
  throw new DomainError(409, code, message);
}

/** The clock of an event that may leave it out, from the match's. */
function placed<D extends { match_period?: MatchPeriod; match_minute?: number; stoppage_minute?: number }>(
  d: D,
  s: MatchState,
) {
  const period = d.match_period ?? s.period ?? "FIRST_HALF";
  return {
    ...d,
    match_period: period,
    match_minute: d.match_minute ?? s.minute ?? PERIOD_START_MINUTE[period],
    stoppage_minute: d.stoppage_minute ?? s.stoppage_minute,
  };
}

/** Fills what a source may leave out from the match clock, so the idempotency key sees the same fields every time. */
export function normalize(e: EventInput, s: MatchState): EventInput {
  switch (e.event_type) {
    case "GOAL_LINE_SIGNAL":
      return { ...e, data: placed(e.data, s) };
    // A goal review is nearly always of the goal just scored: an operator may leave it to the room.
    case "VAR_REVIEW_STARTED": {
      const latest =
        e.data.reason === "GOAL" ? s.goals.filter((g) => !g.cancelled).at(-1)?.event_id : undefined;
      const causation_id = e.metadata?.causation_id ?? latest;
      return { ...e, data: placed(e.data, s), metadata: { ...e.metadata, causation_id } };
    }
    // The end of a review names the review; an operator may leave it to the room, which has one running at most.
    case "VAR_REVIEW_ENDED": {
      const causation_id = e.metadata?.causation_id ?? s.var_review?.event_id;
      return { ...e, data: placed(e.data, s), metadata: { ...e.metadata, causation_id } };
    }
    case "PERIOD_STARTED":
      return {
        ...e,
        data: { ...e.data, match_minute: e.data.match_minute ?? PERIOD_START_MINUTE[e.data.match_period] },
      };
    case "PERIOD_ENDED":
      return {
        ...e,
        data: {
          ...e.data,
          match_minute: e.data.match_minute ?? PERIOD_END_MINUTE[e.data.match_period],
          stoppage_minute: e.data.stoppage_minute ?? 0,
        },
      };
    case "MATCH_ENDED":
      return {
        ...e,
        data: {
          match_minute: e.data.match_minute ?? s.minute ?? 90,
          stoppage_minute: e.data.stoppage_minute ?? s.stoppage_minute,
        },
      };
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "SHOT":
    case "PENALTY_SHOOTOUT_KICK":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return e;
  }
}

/** A goal's assist as published: the rostered player, and how when the source said. */
function assistOf(s: MatchState, side: "HOME" | "AWAY", a: { player_id: string; type?: AssistType }) {
  return {
    ...playerOf(s, side, a.player_id, ["data", "assist", "player_id"]),
    ...(a.type && { type: a.type }),
  };
}

function findGoal(s: MatchState, e: EventInput) {
  const id = e.metadata?.causation_id;
  const goal = s.goals.find((g) => g.event_id === id);
  if (!goal) {
    const message = `metadata.causation_id ${id} is not the event_id of a goal sequenced in this match`;
    throw new DomainError(422, "unknown_goal", message, [{ path: ["metadata", "causation_id"], message }]);
  }
  return goal;
}

function goalScored(s: MatchState, e: EventInputOf<"GOAL_SCORED">, windowMs: number): Outcome {
  const d = e.data;
  const detail = {
    team: teamOf(s, d.team.side),
    match_minute: d.match_minute,
    stoppage_minute: d.stoppage_minute,
    match_period: d.match_period,
    scorer: playerOf(s, scorerSide(d.team.side, d.goal_type), d.scorer.player_id, [
      "data",
      "scorer",
      "player_id",
    ]),
    assist: d.assist ? assistOf(s, d.team.side, d.assist) : null,
    goal_type: d.goal_type,
    body_part: d.body_part ?? null,
    coordinates: d.coordinates ?? null,
    provisional: false as const,
  };
  const same = sameGoal(
    s,
    {
      side: d.team.side,
      occurred_at: e.occurred_at,
      match_period: d.match_period,
      match_minute: d.match_minute,
      stoppage_minute: d.stoppage_minute,
    },
    windowMs,
  );
  if (same) {
    return {
      kind: "publish",
      status: "amended",
      event_type: "GOAL_AMENDED",
      causation_id: same.event_id,
      data: { ...detail, score_after: scoreOf(s.goals) },
    };
  }
  const before = scoreOf(s.goals);
  const score_after =
    d.team.side === "HOME" ? { ...before, home: before.home + 1 } : { ...before, away: before.away + 1 };
  return {
    kind: "publish",
    status: "sequenced",
    event_type: "GOAL_SCORED",
    causation_id: null,
    data: { ...detail, score_after },
  };
}

/**
 * Decides what a normalized, schema-valid source event becomes, given the match so far. Throws DomainError on
 * client errors. What a phase forbids outright (phase.ts) is checked before, by the caller.
 */
export function decide(s: MatchState, e: EventInput, windowMs: number): Outcome {
  const pub = <T extends PublishedEventType>(
    event_type: T,
    data: PublishedData<T>,
    causation_id: string | null = null,
  ) => ({ kind: "publish", status: "sequenced", event_type, data, causation_id }) as Publish;
  switch (e.event_type) {
    case "PERIOD_STARTED":
      if (periodIndex(e.data.match_period) <= periodIndex(s.period))
        conflict(
          "period_already_started",
          `${e.data.match_period} cannot start: the match is already in ${s.period}`,
        );
      return pub("PERIOD_STARTED", { match_period: e.data.match_period, match_minute: e.data.match_minute! });
    case "PERIOD_ENDED":
      if (periodIndex(e.data.match_period) < periodIndex(s.period))
        conflict("period_over", `${e.data.match_period} is already over: the match is in ${s.period}`);
      return pub("PERIOD_ENDED", {
        match_period: e.data.match_period,
        match_minute: e.data.match_minute!,
        stoppage_minute: e.data.stoppage_minute!,
      });
    case "GOAL_LINE_SIGNAL": {
      const d = e.data;
      const same = sameGoal(
        s,
        {
          side: d.team.side,
          occurred_at: e.occurred_at,
          match_period: d.match_period!,
          match_minute: d.match_minute!,
          stoppage_minute: d.stoppage_minute!,
        },
        windowMs,
      );
      if (same) return { kind: "same-as", event_id: same.event_id, sequence_number: same.sequence_number };
      const before = scoreOf(s.goals);
      const score_after =
        d.team.side === "HOME" ? { ...before, home: before.home + 1 } : { ...before, away: before.away + 1 };
      return pub("GOAL_SCORED", {
        team: teamOf(s, d.team.side),
        match_minute: d.match_minute!,
        stoppage_minute: d.stoppage_minute!,
        match_period: d.match_period!,
        scorer: null,
        assist: null,
        goal_type: null,
        body_part: null,
        coordinates: null,
        provisional: true,
        score_after,
      });
    }
    case "GOAL_SCORED":
      return goalScored(s, e, windowMs);
    case "GOAL_AMENDED": {
      const g = findGoal(s, e);
      const d = e.data;
      const goal_type = d.goal_type ?? g.goal_type;
      const scorerId = d.scorer?.player_id ?? g.scorer?.player_id;
      return pub(
        "GOAL_AMENDED",
        {
          team: teamOf(s, g.side),
          match_period: g.match_period,
          match_minute: d.match_minute ?? g.match_minute,
          stoppage_minute: d.stoppage_minute ?? g.stoppage_minute,
          scorer: scorerId
            ? playerOf(s, scorerSide(g.side, goal_type), scorerId, ["data", "scorer", "player_id"])
            : null,
          assist: d.assist === undefined ? g.assist : d.assist && assistOf(s, g.side, d.assist),
          goal_type,
          body_part: d.body_part ?? g.body_part,
          coordinates: d.coordinates ?? g.coordinates,
          provisional: false,
          score_after: scoreOf(s.goals),
        },
        g.event_id,
      );
    }
    case "GOAL_CANCELLED": {
      const g = findGoal(s, e);
      if (g.cancelled) conflict("goal_already_cancelled", `goal ${g.event_id} was already cancelled`);
      const score_after = scoreOf(
        s.goals.map((x) => (x.event_id === g.event_id ? { ...x, cancelled: true } : x)),
      );
      return pub(
        "GOAL_CANCELLED",
        {
          team: teamOf(s, g.side),
          reason: e.data.reason,
          match_minute: g.match_minute,
          stoppage_minute: g.stoppage_minute,
          match_period: g.match_period,
          score_after,
        },
        g.event_id,
      );
    }
    case "CARD_SHOWN": {
      const { team, player, ...rest } = e.data;
      return pub("CARD_SHOWN", {
        ...rest,
        team: teamOf(s, team.side),
        player: playerOf(s, team.side, player.player_id, ["data", "player", "player_id"]),
      });
    }
    case "SUBSTITUTION": {
      const { team, player_out, player_in, ...rest } = e.data;
      return pub("SUBSTITUTION", {
        ...rest,
        team: teamOf(s, team.side),
        player_out: playerOf(s, team.side, player_out.player_id, ["data", "player_out", "player_id"]),
        player_in: playerOf(s, team.side, player_in.player_id, ["data", "player_in", "player_id"]),
      });
    }
    case "SHOT": {
      const { team, player, body_part, coordinates, ...rest } = e.data;
      return pub("SHOT", {
        ...rest,
        team: teamOf(s, team.side),
        player: playerOf(s, team.side, player.player_id, ["data", "player", "player_id"]),
        body_part: body_part ?? null,
        coordinates: coordinates ?? null,
      });
    }
    case "PENALTY_SHOOTOUT_KICK": {
      const d = e.data;
      if (s.shootout.some((k) => k.side === d.team.side && k.kick_number === d.kick_number)) {
        conflict("kick_already_recorded", `${d.team.side} kick ${d.kick_number} is already in the shoot-out`);
      }
      return pub("PENALTY_SHOOTOUT_KICK", {
        team: teamOf(s, d.team.side),
        kick_number: d.kick_number,
        scored: d.scored,
        player: d.player
          ? playerOf(s, d.team.side, d.player.player_id, ["data", "player", "player_id"])
          : null,
        penalty_score_after: penaltyScoreAfter(s, d.team.side, d.scored),
      });
    }
    case "VAR_REVIEW_STARTED":
      return reviewStarted(s, e);
    case "VAR_REVIEW_ENDED":
      return reviewEnded(s, e);
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE": {
      const { team, player, ...clock } = e.data;
      return pub(e.event_type, {
        ...clock,
        team: teamOf(s, team.side),
        player: player ? playerOf(s, team.side, player.player_id, ["data", "player", "player_id"]) : null,
      });
    }
    case "MATCH_ENDED":
      return pub("MATCH_ENDED", {
        match_minute: e.data.match_minute!,
        stoppage_minute: e.data.stoppage_minute!,
        final_score: scoreOf(s.goals),
        penalty_score: s.penalty_score,
      });
  }
}
