import type { Side } from "@buzz/schema/contract";
import type { Rng } from "../rng.js";

export interface Kick {
  side: Side;
  /** Counts this team's kicks from 1. */
  kick_number: number;
  scored: boolean;
}

interface Tally {
  home: { kicks: number; goals: number };
  away: { kicks: number; goals: number };
}

/** Best of five, home first, then sudden death: decided as soon as one side cannot be caught. */
export function isDecided({ home, away }: Tally): boolean {
  if (home.kicks <= 5 && away.kicks <= 5) {
    return home.goals > away.goals + (5 - away.kicks) || away.goals > home.goals + (5 - home.kicks);
  }
  return home.kicks === away.kicks && home.goals !== away.goals;
}

export function tally(kicks: Kick[]): Tally {
  const t: Tally = { home: { kicks: 0, goals: 0 }, away: { kicks: 0, goals: 0 } };
  for (const k of kicks) {
    const s = k.side === "HOME" ? t.home : t.away;
    s.kicks++;
    if (k.scored) s.goals++;
  }
  return t;
}

/**
 * A plausible kick sequence ending in exactly `[home, away]` (the data has no kick details). At each kick
 * the outcomes that can still reach the result are known (memoised search), and one is drawn, 3 in 4 a goal.
 */
export function generateShootout([home, away]: [number, number], rng: Rng): Kick[] {
  const maxKicks = 5 + home + away + 1; // sudden-death rounds where both miss would otherwise never end
  const memo = new Map<string, boolean>();
  const next = (t: Tally, scored: boolean): Tally => {
    const side = t.home.kicks === t.away.kicks ? "home" : "away";
    const s = t[side];
    return { ...t, [side]: { kicks: s.kicks + 1, goals: s.goals + (scored ? 1 : 0) } };
  };
  const reachable = (t: Tally): boolean => {
    if (isDecided(t)) return t.home.goals === home && t.away.goals === away;
    if (t.home.goals > home || t.away.goals > away || t.away.kicks >= maxKicks) return false;
    const key = `${t.home.kicks},${t.away.kicks},${t.home.goals},${t.away.goals}`;
    let ok = memo.get(key);
    if (ok === undefined) memo.set(key, (ok = reachable(next(t, true)) || reachable(next(t, false))));
    return ok;
  };

  let t: Tally = { home: { kicks: 0, goals: 0 }, away: { kicks: 0, goals: 0 } };
  if (!reachable(t)) throw new Error(`no shoot-out ends ${home}-${away}`);
  const kicks: Kick[] = [];
  while (!isDecided(t)) {
    const options = [true, false].filter((scored) => reachable(next(t, scored)));
    const scored = options.length === 2 ? rng() < 0.75 : options[0]!;
    const homeKicks = t.home.kicks === t.away.kicks;
    kicks.push({
      side: homeKicks ? "HOME" : "AWAY",
      kick_number: (homeKicks ? t.home.kicks : t.away.kicks) + 1,
      scored,
    });
    t = next(t, scored);
  }
  return kicks;
}
