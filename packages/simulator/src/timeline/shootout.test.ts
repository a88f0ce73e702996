import { describe, expect, it } from "vitest";
import { createRng } from "../rng.js";
import { generateShootout, isDecided, type Kick, tally } from "./shootout.js";

/** Every result a shoot-out can end with, up to seven each. */
const results: [number, number][] = [];
for (let h = 0; h <= 7; h++)
  for (let a = 0; a <= 7; a++)
    if (h !== a && (Math.abs(h - a) <= 3 || Math.min(h, a) === 0)) results.push([h, a]);

function check(kicks: Kick[], [h, a]: [number, number]) {
  kicks.forEach((k, i) => {
    expect(k.side).toBe(i % 2 === 0 ? "HOME" : "AWAY");
    expect(k.kick_number).toBe(Math.floor(i / 2) + 1);
    expect(isDecided(tally(kicks.slice(0, i))), `decided before kick ${i + 1}`).toBe(false);
  });
  const t = tally(kicks);
  expect(isDecided(t)).toBe(true);
  expect([t.home.goals, t.away.goals]).toEqual([h, a]);
}

describe("generateShootout", () => {
  it("ends exactly when decided, with exactly the result asked for", () => {
    let tried = 0;
    for (const result of results) {
      for (let seed = 0; seed < 20; seed++) {
        let kicks: Kick[];
        try {
          kicks = generateShootout(result, createRng(seed));
        } catch {
          continue; // not every pair of numbers is a possible shoot-out; the test below covers those
        }
        check(kicks, result);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(20 * 20);
  });

  it("produces the 2018 results, including ones decided in sudden death", () => {
    for (const r of [
      [3, 4],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
    ] as [number, number][])
      check(generateShootout(r, createRng("x")), r);
    expect(generateShootout([5, 4], createRng(1)).length).toBeGreaterThanOrEqual(10);
  });

  it("decides the best-of-five as soon as one side cannot be caught, then by sudden death", () => {
    const seq = (s: string): Kick[] =>
      [...s].map((c, i) => ({
        side: i % 2 === 0 ? "HOME" : "AWAY",
        kick_number: Math.floor(i / 2) + 1,
        scored: c === "x",
      }));
    const decided = (s: string) => isDecided(tally(seq(s)));
    expect(decided("xoxoxo")).toBe(true); // 3-0 with two kicks each left
    expect(decided("xoxox")).toBe(false); // 3-0 but away still has three
    expect(decided("xoxooox")).toBe(true); // 3-0 after home's fourth: away has two left
    expect(decided("oxoxox")).toBe(true);
    expect(decided("xxxxxxxxx")).toBe(false); // 5-4 with away's fifth still to come
    expect(decided("xxxxxxxxxo")).toBe(true); // away missed it
    expect(decided("xxxxxxxxxx")).toBe(false); // 5-5: sudden death
    expect(decided("xxxxxxxxxxx")).toBe(false); // home's sixth, away has not answered
    expect(decided("xxxxxxxxxxxo")).toBe(true);
  });

  it("refuses results no shoot-out can end with", () => {
    for (const r of [
      [3, 3],
      [0, 0],
      [9, 2],
      [6, 3],
    ] as [number, number][])
      expect(() => generateShootout(r, createRng(1))).toThrow(/no shoot-out/);
  });
});
