import { describe, expect, it } from "vitest";
import { card, goal, published, shot } from "../testing/fakes.js";
import { derive, deriveAll, NO_CONTEXT } from "./derive.js";

describe("derive", () => {
  it("gives a provisional goal without a location no xG, and an own goal none either", () => {
    const provisional = goal(
      1,
      { home: 1, away: 0 },
      { scorer: null, goal_type: null, coordinates: null, provisional: true },
    );
    expect(derive(provisional, NO_CONTEXT)).not.toHaveProperty("expected_goals");
    const own = goal(2, { home: 2, away: 0 }, { goal_type: "OWN_GOAL" });
    expect(derive(own, NO_CONTEXT)).not.toHaveProperty("shot_distance_m");
    // A penalty is worth the same whether or not the operator sent the spot.
    expect(derive(goal(3, { home: 3, away: 0 }, { coordinates: null }), NO_CONTEXT).expected_goals).toBe(
      0.76,
    );
  });

  it("settles the result at the final whistle, a shoot-out deciding a draw", () => {
    const ended = published("MATCH_ENDED", 90, {
      match_minute: 120,
      stoppage_minute: 2,
      final_score: { home: 1, away: 1 },
      penalty_score: { home: 3, away: 4 },
    });
    expect(derive(ended, { score: { home: 1, away: 1 } })).toMatchObject({
      score: { home: 1, away: 1 },
      win_probability: { home: 0, draw: 0, away: 1 },
    });
  });

  it("forecasts nothing during a shoot-out, and keeps the score it had", () => {
    const kick = published("PENALTY_SHOOTOUT_KICK", 80, {
      team: { side: "AWAY", team_id: "CRO", name: "Croatia" },
      player: null,
      kick_number: 1,
      scored: true,
      penalty_score_after: { home: 0, away: 1 },
    });
    const derived = derive(kick, { score: { home: 1, away: 1 } });
    expect(derived).toEqual({ score: { home: 1, away: 1 } });
  });

  it("carries the score through a batch in sequence order, match by match, rounding chances to four places that sum to 1", () => {
    const a = [goal(1, { home: 1, away: 0 }, {}, { match_id: "a" }), card(2, "YELLOW", { match_id: "a" })];
    const b = [shot(1, { x: 70, y: 50 }, { match_id: "b" })];
    const derived = deriveAll([a[1]!, b[0]!, a[0]!], new Map([["b", { score: { home: 0, away: 3 } }]]));
    expect(derived.get(a[1]!.event_id)!.score).toEqual({ home: 1, away: 0 });
    expect(derived.get(b[0]!.event_id)!.score).toEqual({ home: 0, away: 3 });
    for (const d of derived.values()) {
      const w = d.win_probability!;
      expect(w.home + w.draw + w.away).toBeCloseTo(1, 12);
      for (const p of [w.home, w.draw, w.away]) expect(Math.round(p * 1e4) / 1e4).toBe(p);
    }
    expect(derived.get(b[0]!.event_id)!.win_probability!.away).toBeGreaterThan(0.95);
  });
});
