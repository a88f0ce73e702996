import { describe, expect, it } from "vitest";
import { loadWorldCup } from "./load.js";
import { slug } from "./slug.js";
import { TEAM_CODES } from "./teams.js";
import { kickoffAt, selectMatch } from "./worldcup.js";

const matches = loadWorldCup();

describe("World Cup data", () => {
  it("names the 64 matches wc2018-NN-aaa-bbb by their place in the file", () => {
    expect(matches).toHaveLength(64);
    expect(matches[0]!.matchId).toBe("wc2018-01-rus-ksa");
    expect(matches[63]!.matchId).toBe("wc2018-64-fra-cro");
    expect(new Set(matches.map((m) => m.matchId)).size).toBe(64);
    for (const m of matches) expect(m.matchId).toMatch(/^wc2018-\d{2}-[a-z]{3}-[a-z]{3}$/);
  });

  it("maps all 32 teams to their FIFA codes", () => {
    const used = new Set(matches.flatMap((m) => [m.home.code, m.away.code]));
    expect(used.size).toBe(32);
    expect([...used].sort()).toEqual(Object.values(TEAM_CODES).sort());
    expect(matches[63]!.home).toEqual({ code: "FRA", name: "France" });
  });

  it("selects a match by number, 'final', home-away codes or id", () => {
    for (const sel of ["64", "final", "fra-cro", "wc2018-64-fra-cro", "FRA-CRO"])
      expect(selectMatch(matches, sel).index).toBe(64);
    expect(selectMatch(matches, "eng-bel").index).toBe(41);
    expect(selectMatch(matches, "bel-eng").index).toBe(63);
    expect(() => selectMatch(matches, "65")).toThrow(/no match/);
    expect(() => selectMatch(matches, "cro")).toThrow(/matches wc2018-/);
  });

  it("turns the local kick-off and its UTC offset into UTC", () => {
    expect(kickoffAt("2018-07-15", "18:00 UTC+3")).toBe("2018-07-15T15:00:00Z");
    expect(kickoffAt("2018-06-15", "17:00 UTC+5")).toBe("2018-06-15T12:00:00Z");
    expect(kickoffAt("2018-06-16", "01:00 UTC+2")).toBe("2018-06-15T23:00:00Z");
    expect(() => kickoffAt("2018-06-16", "evening")).toThrow(/unreadable/);
  });

  it("slugs names into ASCII ids", () => {
    expect(slug("Mario Mandžukić")).toBe("mario-mandzukic");
    expect(slug("Mathias Jørgensen")).toBe("mathias-jorgensen");
    expect(slug("A. Fathi")).toBe("a-fathi");
    expect(slug("Salman Al-Faraj")).toBe("salman-al-faraj");
    expect(slug("Kylian Mbappé")).toBe("kylian-mbappe");
  });
});
