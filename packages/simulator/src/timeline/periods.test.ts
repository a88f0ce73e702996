import { describe, expect, it } from "vitest";
import { periodOfMinute } from "../data/goals.js";
import { loadWorldCup } from "../data/load.js";
import { buildTimeline } from "./index.js";
import { clockAt } from "./periods.js";

describe("periods and clock", () => {
  it("places a minute in its period, stoppage time included", () => {
    expect([1, 45, 46, 90, 91, 105, 106, 120].map(periodOfMinute)).toEqual([
      "FIRST_HALF",
      "FIRST_HALF",
      "SECOND_HALF",
      "SECOND_HALF",
      "EXTRA_TIME_FIRST_HALF",
      "EXTRA_TIME_FIRST_HALF",
      "EXTRA_TIME_SECOND_HALF",
      "EXTRA_TIME_SECOND_HALF",
    ]);
  });

  it("lengthens a half to hold its latest stoppage-time goal and skips the breaks", () => {
    const { periods } = buildTimeline(loadWorldCup()[5]!); // 45+6 and 90+5
    expect(periods.map((p) => [p.period, p.stoppage])).toEqual([
      ["FIRST_HALF", 6],
      ["SECOND_HALF", 5],
    ]);
    expect(periods[1]!.startAt).toBe(periods[0]!.endAt + 1);
  });

  it("reads the stadium clock", () => {
    const { periods, durationSec } = buildTimeline(loadWorldCup()[63]!); // 45+2, 90+4
    const at = (min: number, sec = 0) => clockAt(periods, min * 60 + sec).label;
    expect([at(0), at(0, 59), at(1), at(44, 30), at(45, 30), at(46, 59)]).toEqual([
      "1'",
      "1'",
      "2'",
      "45'",
      "45+1'",
      "45+2'",
    ]);
    expect(clockAt(periods, periods[1]!.startAt + 10).label).toBe("46'");
    expect(clockAt(periods, periods[1]!.endAt - 1).label).toBe("90+4'");
    expect(clockAt(periods, durationSec + 1)).toMatchObject({ label: "FT", finished: true });
  });

  it("gives the clock's numbers: regulation minute and stoppage apart", () => {
    const final = buildTimeline(loadWorldCup()[63]!); // 45+2, 90+4
    const numbers = (t: number) => [clockAt(final.periods, t).minute, clockAt(final.periods, t).stoppage];
    const secondHalf = final.periods[1]!.startAt;
    expect([
      numbers(-1),
      numbers(secondHalf + 17 * 60 + 5),
      numbers(45 * 60 + 30),
      numbers(final.durationSec + 1),
    ]).toEqual([
      [0, 0],
      [63, 0],
      [45, 1],
      [90, 4],
    ]);
    const croDen = buildTimeline(loadWorldCup()[51]!); // extra time, then a shoot-out
    const shootout = croDen.periods.at(-1)!;
    expect(shootout.period).toBe("PENALTY_SHOOTOUT");
    expect(clockAt(croDen.periods, shootout.startAt + 1)).toMatchObject({
      label: "PEN",
      minute: 120,
      stoppage: 0,
    });
    expect(clockAt(croDen.periods, croDen.durationSec + 1)).toMatchObject({ label: "FT", minute: 120 });
  });
});
