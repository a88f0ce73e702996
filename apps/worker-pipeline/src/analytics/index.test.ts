import { describe, expect, it } from "vitest";
import {
  expectedGoals,
  finalResult,
  type MatchClock,
  minutesLeft,
  PENALTY_XG,
  shotGeometry,
  winProbability,
} from "./index.js";

/** Coordinates of a point `metres` in front of the goal's centre. */
const centralAt = (metres: number) => ({ x: 100 - (metres / 105) * 100, y: 50 });
const sum = (p: { home: number; draw: number; away: number }) => p.home + p.draw + p.away;

describe("shot geometry", () => {
  it("measures on a 105 × 68 m pitch, attacking towards x = 100", () => {
    expect(shotGeometry(centralAt(11)).distance).toBeCloseTo(11, 9);
    expect(shotGeometry({ x: 100, y: 0 })).toMatchObject({ toGoalLine: 0, fromCentreLine: 34, distance: 34 });
    expect(shotGeometry({ x: 50, y: 50 }).distance).toBeCloseTo(52.5, 9);
    expect(shotGeometry({ x: 0, y: 50 }).distance).toBeCloseTo(105, 9);
    // The goal mouth subtends 2·atan(3.66 / 11) from the penalty spot.
    expect(shotGeometry(centralAt(11)).angle).toBeCloseTo(2 * Math.atan(3.66 / 11), 9);
  });
});

describe("expected goals (Soccermatics fit)", () => {
  it("reproduces the published fit's values in front of goal", () => {
    expect(expectedGoals(centralAt(11))).toBeCloseTo(0.181, 3);
    expect(expectedGoals(centralAt(20))).toBeCloseTo(0.062, 3);
    expect(expectedGoals(centralAt(30))).toBeCloseTo(0.025, 3);
  });

  it("scores a penalty far above an open-play shot from the spot", () => {
    expect(PENALTY_XG).toBe(0.76);
    expect(PENALTY_XG / expectedGoals(centralAt(11))).toBeGreaterThan(4);
  });

  it("falls with distance, all the way to the other goal, and stays low far out", () => {
    let previous = 1;
    for (let m = 2; m <= 105; m += 1) {
      const xg = expectedGoals(centralAt(m));
      expect(xg).toBeLessThanOrEqual(previous);
      previous = xg;
    }
    expect(expectedGoals(centralAt(6))).toBeGreaterThan(0.3);
    expect(expectedGoals(centralAt(40))).toBeLessThan(0.03);
    expect(expectedGoals({ x: 50, y: 50 })).toBeLessThan(0.03);
    expect(expectedGoals({ x: 0, y: 50 })).toBeLessThan(0.03);
  });

  it("falls as the angle closes, the same on either side, and stays a probability on the goal line", () => {
    const central = expectedGoals({ x: 90, y: 50 });
    const wide = expectedGoals({ x: 90, y: 80 });
    expect(wide).toBeLessThan(central);
    expect(expectedGoals({ x: 90, y: 20 })).toBeCloseTo(wide, 12);
    expect(expectedGoals({ x: 99, y: 95 })).toBeLessThan(0.05);
    for (const at of [
      { x: 100, y: 50 },
      { x: 100, y: 0 },
      { x: 99.9, y: 50 },
    ]) {
      const xg = expectedGoals(at);
      expect(xg).toBeGreaterThan(0);
      expect(xg).toBeLessThan(1);
    }
  });
});

describe("win probability (Poisson)", () => {
  const kickOff: MatchClock = { period: "FIRST_HALF", minute: 0, stoppage: 0 };

  it("sums to 1 and is even between equal teams at kick-off", () => {
    const p = winProbability({ home: 0, away: 0 }, kickOff);
    expect(sum(p)).toBeCloseTo(1, 12);
    expect(p.home).toBeCloseTo(p.away, 12);
    // About 1.3 goals each: a draw a little under a third of the time.
    expect(p.draw).toBeGreaterThan(0.25);
    expect(p.draw).toBeLessThan(0.32);
  });

  it("moves towards the team that scores, and a lead weighs more as time runs out", () => {
    const clock: MatchClock = { period: "FIRST_HALF", minute: 38, stoppage: 0 };
    const before = winProbability({ home: 0, away: 0 }, clock);
    const after = winProbability({ home: 1, away: 0 }, clock);
    expect(after.home).toBeGreaterThan(before.home + 0.2);
    expect(after.away).toBeLessThan(before.away);
    expect(after.draw).toBeLessThan(before.draw);
    expect(sum(after)).toBeCloseTo(1, 12);

    const late = winProbability({ home: 1, away: 0 }, { period: "SECOND_HALF", minute: 85, stoppage: 0 });
    expect(late.home).toBeGreaterThan(after.home);
    expect(late.home).toBeGreaterThan(0.85);
    const equaliser = winProbability(
      { home: 1, away: 1 },
      { period: "SECOND_HALF", minute: 85, stoppage: 0 },
    );
    expect(equaliser.draw).toBeGreaterThan(0.7);
  });

  it("is settled when regulation is over, and never before the whistle", () => {
    expect(
      winProbability({ home: 2, away: 1 }, { period: "SECOND_HALF", minute: 90, stoppage: 6, ended: true }),
    ).toEqual({ home: 1, draw: 0, away: 0 });
    const stoppage = winProbability({ home: 2, away: 1 }, { period: "SECOND_HALF", minute: 90, stoppage: 9 });
    expect(stoppage.home).toBeLessThan(1);
    expect(stoppage.home).toBeGreaterThan(0.99);
  });

  it("counts the halves still to play, with added time", () => {
    expect(minutesLeft(kickOff)).toBe(97);
    expect(minutesLeft({ period: "FIRST_HALF", minute: 45, stoppage: 1 })).toBe(51);
    expect(minutesLeft({ period: "FIRST_HALF", minute: 45, stoppage: 2, ended: true })).toBe(50);
    expect(minutesLeft({ period: "EXTRA_TIME_FIRST_HALF", minute: 90, stoppage: 0 })).toBe(32);
    expect(minutesLeft({ period: "PENALTY_SHOOTOUT", minute: 120, stoppage: 0 })).toBe(0);
  });

  it("favours the stronger team when strengths are given", () => {
    const p = winProbability({ home: 0, away: 0 }, kickOff, { home: 1.5, away: 0.8 });
    expect(p.home).toBeGreaterThan(p.away * 2);
    expect(sum(p)).toBeCloseTo(1, 12);
  });

  it("reads the final result, a shoot-out deciding a level score", () => {
    expect(finalResult({ home: 4, away: 2 }, null)).toEqual({ home: 1, draw: 0, away: 0 });
    expect(finalResult({ home: 1, away: 1 }, { home: 3, away: 4 })).toEqual({ home: 0, draw: 0, away: 1 });
    expect(finalResult({ home: 0, away: 0 }, null)).toEqual({ home: 0, draw: 1, away: 0 });
  });
});
