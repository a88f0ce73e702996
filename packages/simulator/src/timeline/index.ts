import type { EventInputDraft, Side } from "@buzz/schema/contract";
import { type GoalFact, goalsOf } from "../data/goals.js";
import type { WorldCupMatch } from "../data/worldcup.js";
import { buildFixture } from "../fixture/index.js";
import { between, createRng } from "../rng.js";
import { generateIncidents, generateReviews } from "./incidents.js";
import { goalInstant, type PeriodPlan, planPeriods } from "./periods.js";
import { generateShootout, type Kick } from "./shootout.js";

export type TimelineItemKind =
  | "period"
  | "sensor"
  | "operator"
  | "operator-resend"
  | "kick"
  | "end"
  // Generated, not in the 2018 data (incidents.ts): corners, fouls, offsides, saves; VAR checks of goals.
  | "incident"
  | "var";

export interface TimelineItem {
  /** Played seconds from kick-off (breaks skipped) at which the source sends the event. */
  at: number;
  kind: TimelineItemKind;
  event: EventInputDraft;
}

export interface Timeline {
  matchId: string;
  items: TimelineItem[];
  periods: PeriodPlan[];
  goals: GoalFact[];
  kicks: Kick[];
  /** Played seconds from kick-off to the final whistle. */
  durationSec: number;
}

export interface TimelineOptions {
  /** Seeds every random choice (delays, seconds within a minute, the shoot-out); default 2018. */
  seed?: string | number;
  /** Wall-clock ms of kick-off, for `occurred_at`; default the fixture's real 2018 kick-off. */
  startedAt?: number;
  /** Match seconds per real second, so `occurred_at` follows the replay; default 1. */
  speed?: number;
  /**
   * Share of a typical match's corners, fouls, offsides and saves to generate (default 1): a load test of many
   * concurrent replays may want fewer POSTs. At least one of each per side is kept while it is above 0.
   */
  incidents?: number;
}

const SENSOR_DELAY_S = 0.5;
const KICK_GAP_S = 45;

/**
 * The match as a stadium's sources would report it: the referee's period events, for each goal the
 * goal-line sensor (~0.5 s) then the operator (3-8 s later) and the operator's resend, the shoot-out kicks; and,
 * generated since the data has none (incidents.ts), corners, fouls, offsides, saves and VAR checks of some goals.
 */
export function buildTimeline(match: WorldCupMatch, options: TimelineOptions = {}): Timeline {
  const rng = createRng(`${match.matchId}:${options.seed ?? 2018}`);
  const speed = options.speed ?? 1;
  const startedAt = options.startedAt ?? Date.parse(buildFixture(match).kickoff_at);
  const occurredAt = (playedSeconds: number) =>
    new Date(startedAt + (playedSeconds * 1000) / speed).toISOString();

  const goals = goalsOf(match);
  const { et, p } = match.raw.score;
  const kicks = p ? generateShootout(p, rng) : [];
  const periods = planPeriods(goals, et !== undefined, p ? KICK_GAP_S * (kicks.length + 1) : null);
  const items: TimelineItem[] = [];
  const push = (
    at: number,
    kind: TimelineItemKind,
    event: Omit<EventInputDraft, "occurred_at">,
    occursAt = at,
  ) => items.push({ at, kind, event: { ...event, occurred_at: occurredAt(occursAt) } as EventInputDraft });

  for (const plan of periods) {
    const referee = { source: { system: "REFEREE" as const } };
    push(plan.startAt, "period", {
      event_type: "PERIOD_STARTED",
      ...referee,
      data: { match_period: plan.period, match_minute: plan.startMinute },
    });
    const data = {
      match_period: plan.period,
      match_minute: plan.startMinute + plan.lengthMinutes,
      stoppage_minute: plan.stoppage,
    };
    push(plan.endAt, "period", { event_type: "PERIOD_ENDED", ...referee, data });
  }

  const scored: { fact: (typeof goals)[number]; instant: number; plan: (typeof periods)[number] }[] = [];
  for (const goal of goals) {
    const plan = periods.find((p) => p.period === goal.period)!;
    const instant = goalInstant(plan, goal, between(rng, 5, 45));
    scored.push({ fact: goal, instant, plan });
    const clock = { match_minute: goal.minute, stoppage_minute: goal.stoppage, match_period: goal.period };
    push(
      instant + SENSOR_DELAY_S,
      "sensor",
      {
        event_type: "GOAL_LINE_SIGNAL",
        source: { system: "HAWKEYE" },
        data: { team: { side: goal.side }, ...clock },
      },
      instant,
    );
    const operator = {
      event_type: "GOAL_SCORED" as const,
      source: { system: "OPTA" as const, operator_id: "opta-sim" },
      data: {
        team: { side: goal.side },
        scorer: { player_id: goal.playerId },
        assist: null,
        ...clock,
        goal_type: goal.goalType,
      },
    };
    const sentAt = instant + between(rng, 3, 8);
    push(sentAt, "operator", operator, instant);
    push(sentAt + between(rng, 1, 3), "operator-resend", operator, instant);
  }

  const shootout = periods.find((p) => p.period === "PENALTY_SHOOTOUT");
  kicks.forEach((kick, i) => {
    const data = { team: { side: kick.side as Side }, kick_number: kick.kick_number, scored: kick.scored };
    push(shootout!.startAt + KICK_GAP_S * (i + 1), "kick", {
      event_type: "PENALTY_SHOOTOUT_KICK",
      source: { system: "OPTA", operator_id: "opta-sim" },
      data,
    });
  });

  // Their own random streams: the goals' and kicks' timing stays what it was before they existed.
  const extra = (name: string) => createRng(`${match.matchId}:${options.seed ?? 2018}:${name}`);
  const fixture = buildFixture(match);
  for (const { at, kind, event } of [
    ...generateIncidents(match.matchId, periods, fixture, extra("incidents"), options.incidents ?? 1),
    ...generateReviews(
      [...scored].sort((a, b) => a.instant - b.instant),
      extra("var"),
    ),
  ])
    push(at, kind, event);

  const lastPlayed = periods.filter((p) => p.period !== "PENALTY_SHOOTOUT").at(-1)!;
  const durationSec = periods.at(-1)!.endAt + 1;
  const ended = {
    match_minute: lastPlayed.startMinute + lastPlayed.lengthMinutes,
    stoppage_minute: lastPlayed.stoppage,
  };
  push(durationSec, "end", { event_type: "MATCH_ENDED", source: { system: "REFEREE" }, data: ended });

  // Stable: a period's end and the next one's start keep their order when equal.
  items.sort((a, b) => a.at - b.at);
  return { matchId: match.matchId, items, periods, goals, kicks, durationSec };
}
