import type { MatchPeriod } from "@buzz/schema/contract";
import type { GoalFact } from "../data/goals.js";

export interface PeriodPlan {
  period: MatchPeriod;
  /** Regulation minute the period starts at: 0, 45, 90, 105; 120 for the shoot-out. */
  startMinute: number;
  /** 45 or 15; 0 for the shoot-out. */
  lengthMinutes: number;
  /** Added time in minutes, at least the latest goal's `offset` in that period. */
  stoppage: number;
  /** Played seconds from kick-off, breaks skipped. */
  startAt: number;
  endAt: number;
}

const DEFAULT_STOPPAGE: Record<Exclude<MatchPeriod, "PENALTY_SHOOTOUT">, number> = {
  FIRST_HALF: 2,
  SECOND_HALF: 4,
  EXTRA_TIME_FIRST_HALF: 1,
  EXTRA_TIME_SECOND_HALF: 1,
};
const SHAPE = [
  ["FIRST_HALF", 0, 45],
  ["SECOND_HALF", 45, 45],
  ["EXTRA_TIME_FIRST_HALF", 90, 15],
  ["EXTRA_TIME_SECOND_HALF", 105, 15],
] as const;

/** The periods played, back to back (half-time and the pause before extra time are skipped). */
export function planPeriods(
  goals: GoalFact[],
  extraTime: boolean,
  shootoutSeconds: number | null,
): PeriodPlan[] {
  const plans: PeriodPlan[] = [];
  let at = 0;
  for (const [period, startMinute, lengthMinutes] of SHAPE.slice(0, extraTime ? 4 : 2)) {
    const latest = Math.max(0, ...goals.filter((g) => g.period === period).map((g) => g.stoppage));
    const stoppage = Math.max(DEFAULT_STOPPAGE[period], latest);
    const endAt = at + (lengthMinutes + stoppage) * 60;
    plans.push({ period, startMinute, lengthMinutes, stoppage, startAt: at, endAt });
    at = endAt + 1;
  }
  if (shootoutSeconds !== null) {
    plans.push({
      period: "PENALTY_SHOOTOUT",
      startMinute: 120,
      lengthMinutes: 0,
      stoppage: 0,
      startAt: at,
      endAt: at + shootoutSeconds,
    });
  }
  return plans;
}

/** Played seconds of a goal: inside its minute (90+3 is the third added minute), never at its very end. */
export function goalInstant(plan: PeriodPlan, goal: GoalFact, secondsIntoMinute: number): number {
  const minuteIndex =
    goal.stoppage > 0 ? plan.lengthMinutes + goal.stoppage - 1 : goal.minute - 1 - plan.startMinute;
  return plan.startAt + Math.max(0, minuteIndex) * 60 + secondsIntoMinute;
}

export interface Clock {
  period: MatchPeriod | null;
  /** `"63'"`, `"90+2'"`, `"PEN"`, `"FT"`. */
  label: string;
  /** The label's numbers: 90+2' is minute 90, stoppage 2; the shoot-out is 120; full time the last minute played. */
  minute: number;
  stoppage: number;
  finished: boolean;
}

/** What the stadium clock shows `t` played seconds after kick-off. */
export function clockAt(plans: PeriodPlan[], t: number): Clock {
  const last = plans.at(-1);
  if (!last || t < 0) return { period: null, label: "0'", minute: 0, stoppage: 0, finished: false };
  if (t > last.endAt) {
    const played = plans.filter((p) => p.period !== "PENALTY_SHOOTOUT").at(-1) ?? last;
    return {
      period: last.period,
      label: "FT",
      minute: played.startMinute + played.lengthMinutes,
      stoppage: played.stoppage,
      finished: true,
    };
  }
  const plan = [...plans].reverse().find((p) => p.startAt <= t) ?? plans[0]!;
  if (plan.period === "PENALTY_SHOOTOUT")
    return { period: plan.period, label: "PEN", minute: plan.startMinute, stoppage: 0, finished: false };
  const end = plan.startMinute + plan.lengthMinutes;
  const minute = plan.startMinute + Math.floor((Math.min(t, plan.endAt - 1) - plan.startAt) / 60) + 1;
  if (minute > end)
    return {
      period: plan.period,
      label: `${end}+${minute - end}'`,
      minute: end,
      stoppage: minute - end,
      finished: false,
    };
  return { period: plan.period, label: `${minute}'`, minute, stoppage: 0, finished: false };
}
