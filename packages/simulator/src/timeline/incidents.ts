// The 2018 data has scores and scorers only: no corners, fouls, offsides or saves, and no VAR reviews. So that a
// replay exercises the whole vocabulary (contract v1.1), they are generated here, deterministically from the
// replay's seed (their own random stream, so the goals' timing stays what it was without them). Counts are
// typical of a World Cup match, not the real ones. Reviews only confirm goals, so final scores equal the data.
import type { EventInputDraft, FixtureInput, Side } from "@buzz/schema/contract";
import type { GoalFact } from "../data/goals.js";
import type { Rng } from "../rng.js";
import { between } from "../rng.js";
import { clockAt, type PeriodPlan } from "./periods.js";

export interface Planned {
  /** Played seconds at which the source sends it (and at which it occurred). */
  at: number;
  kind: "incident" | "var";
  event: Omit<EventInputDraft, "occurred_at">;
}

/** Per side and per 45 minutes played. */
const PER_HALF = { CORNER_KICK: 2.5, FOUL: 6, OFFSIDE: 1, SAVE: 1.5 } as const;
const SIDES: Side[] = ["HOME", "AWAY"];
/** Share of goals the VAR checks (and confirms). */
const REVIEWED = 0.3;
const REVIEW_AFTER_S = 15;
const REVIEW_LENGTH_S = [40, 90] as const;

const clockOf = (periods: PeriodPlan[], t: number) => {
  const c = clockAt(periods, t);
  return { match_period: c.period!, match_minute: c.minute, stoppage_minute: c.stoppage };
};

/**
 * Corners, fouls, offsides and saves spread over the periods played (not the shoot-out). Each carries its own
 * idempotency key, as a data provider's event id would be: two corners of one side in one minute are two facts.
 */
export function generateIncidents(
  matchId: string,
  periods: PeriodPlan[],
  fixture: FixtureInput,
  rng: Rng,
  scale = 1,
): Planned[] {
  const out: Planned[] = [];
  let n = 0;
  if (scale <= 0) return out;
  for (const plan of periods.filter((p) => p.period !== "PENALTY_SHOOTOUT")) {
    const halves = (plan.endAt - plan.startAt) / (45 * 60);
    for (const [type, rate] of Object.entries(PER_HALF) as [keyof typeof PER_HALF, number][])
      for (const side of SIDES) {
        const drawn = Math.round(rate * halves * between(rng, 0.5, 1.5) * scale);
        // The first half keeps one of each per side, so even a scaled-down replay shows every stat.
        const count = plan.period === "FIRST_HALF" ? Math.max(1, drawn) : drawn;
        const roster = (side === "HOME" ? fixture.home : fixture.away).players;
        for (let i = 0; i < count; i++) {
          const at = Math.floor(between(rng, plan.startAt + 10, plan.endAt - 10));
          const named = type === "FOUL" && roster.length > 0 && rng() < 0.5;
          const player = named ? roster[Math.floor(rng() * roster.length)]! : null;
          out.push({
            at,
            kind: "incident",
            event: {
              event_type: type,
              source: { system: "OPTA", operator_id: "opta-sim" },
              metadata: { idempotency_key: `sim-${matchId}-${++n}` },
              data: {
                team: { side },
                ...(player && { player: { player_id: player.player_id } }),
                ...clockOf(periods, at),
              },
            },
          });
        }
      }
  }
  return out;
}

/**
 * A VAR check of some goals, after the operator's report: started by the referee, confirmed 40-90 s later. The
 * review names no goal: the room reviews the latest one on the score. A goal too close to the end of its period
 * (the review would outlast the match) or to a review still running is not checked.
 */
export function generateReviews(goals: { fact: GoalFact; instant: number; plan: PeriodPlan }[], rng: Rng) {
  const out: Planned[] = [];
  let busyUntil = -1;
  const referee = { source: { system: "REFEREE" as const } };
  for (const { instant, plan } of goals) {
    const reviewed = rng() < REVIEWED;
    const start = instant + REVIEW_AFTER_S;
    const end = start + between(rng, ...REVIEW_LENGTH_S);
    if (!reviewed || start <= busyUntil || end >= plan.endAt) continue;
    busyUntil = end;
    const clock = (t: number) => clockOf([plan], Math.min(t, plan.endAt - 1));
    out.push(
      {
        at: start,
        kind: "var",
        event: { event_type: "VAR_REVIEW_STARTED", ...referee, data: { reason: "GOAL", ...clock(start) } },
      },
      {
        at: end,
        kind: "var",
        event: { event_type: "VAR_REVIEW_ENDED", ...referee, data: { decision: "CONFIRMED", ...clock(end) } },
      },
    );
  }
  return out;
}
