import type { MatchPeriod, Score } from "@buzz/schema/contract";

/**
 * Win probability: the goals still to come are two independent Poisson processes, one per team, with constant
 * rates (Maher 1982 for final scores; Dixon & Robinson 1998 for the in-play form); a result is the current
 * score plus what they add.
 *
 * Rate: the 2018 World Cup's 166 goals in the 64 matches' regulation time (openfootball, shared/data), 2.59 per
 * match or 1.30 per team, over 90 minutes plus the added time below — 0.0134 goals per team per minute played.
 * Team strength multiplies a team's rate; it is neutral (1 and 1) until the pipeline has ratings, so today the
 * numbers move with the score and the clock only. No home advantage (World Cup venues are neutral), no effect
 * of red cards or of the score on how teams play, and the rate does not rise late in matches: all known
 * refinements, none modelled.
 *
 * "draw" means level when the phase under way ends: the end of regulation, or of extra time once it has begun.
 * A shoot-out is not forecast.
 */
export const GOALS_PER_TEAM_PER_90 = 166 / 64 / 2;

/** Typical added time per half in minutes (regulation halves, then each half of extra time). */
const HALVES = {
  FIRST_HALF: { end: 45, length: 45, added: 2, next: "SECOND_HALF" },
  SECOND_HALF: { end: 90, length: 45, added: 5, next: null },
  EXTRA_TIME_FIRST_HALF: { end: 105, length: 15, added: 1, next: "EXTRA_TIME_SECOND_HALF" },
  EXTRA_TIME_SECOND_HALF: { end: 120, length: 15, added: 1, next: null },
} as const;
type Half = keyof typeof HALVES;

const GOALS_PER_TEAM_PER_MINUTE =
  GOALS_PER_TEAM_PER_90 / (90 + HALVES.FIRST_HALF.added + HALVES.SECOND_HALF.added);
/** While a half is under way the whistle may always be a moment away, never already past. */
const MIN_LEFT_IN_PLAY = 0.5;

export interface MatchClock {
  period: MatchPeriod;
  /** The regulation minute (0 to 120). */
  minute: number;
  /** Minutes into added time. */
  stoppage: number;
  /** The period is over (PERIOD_ENDED): only the halves after it remain. */
  ended?: boolean;
}

export interface WinProbability {
  home: number;
  draw: number;
  away: number;
}

/** Minutes of play left until the phase under way ends, counting typical added time. */
export function minutesLeft(clock: MatchClock): number {
  if (clock.period === "PENALTY_SHOOTOUT") return 0;
  const half = HALVES[clock.period];
  let left = clock.ended
    ? 0
    : Math.max(
        MIN_LEFT_IN_PLAY,
        Math.max(0, half.end - clock.minute) + Math.max(0, half.added - clock.stoppage),
      );
  for (let next: Half | null = half.next; next; next = HALVES[next].next)
    left += HALVES[next].length + HALVES[next].added;
  return left;
}

export function winProbability(
  score: Score,
  clock: MatchClock,
  strength: { home: number; away: number } = { home: 1, away: 1 },
): WinProbability {
  const minutes = minutesLeft(clock);
  const home = poisson(GOALS_PER_TEAM_PER_MINUTE * minutes * strength.home);
  const away = poisson(GOALS_PER_TEAM_PER_MINUTE * minutes * strength.away);
  const p = { home: 0, draw: 0, away: 0 };
  home.forEach((ph, i) => {
    away.forEach((pa, j) => {
      const diff = score.home + i - (score.away + j);
      p[diff > 0 ? "home" : diff < 0 ? "away" : "draw"] += ph * pa;
    });
  });
  // The tails cut off below hold less than 1e-12; renormalising makes the three sum to 1 exactly.
  const total = p.home + p.draw + p.away;
  return { home: p.home / total, draw: p.draw / total, away: p.away / total };
}

/** Poisson probabilities of 0, 1, 2 … goals, up to where what is left is negligible. */
function poisson(mean: number): number[] {
  const out = [Math.exp(-mean)];
  let cumulative = out[0]!;
  for (let k = 1; 1 - cumulative > 1e-12 && k < 30; k++) {
    out.push((out[k - 1]! * mean) / k);
    cumulative += out[k]!;
  }
  return out;
}

/** The result once the match is over (a shoot-out decides a level score). */
export function finalResult(score: Score, penalties: Score | null): WinProbability {
  const decider = score.home === score.away && penalties ? penalties : score;
  const diff = decider.home - decider.away;
  return { home: diff > 0 ? 1 : 0, draw: diff === 0 ? 1 : 0, away: diff < 0 ? 1 : 0 };
}
