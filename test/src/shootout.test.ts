// Issue 11 item 3: the shoot-out's kicks are not goals. Through the real stack: a goal-line signal or a shot
// during the shoot-out is refused with 409 and changes neither the score nor the shoot-out; a kick before the
// shoot-out is refused; a correction of an earlier goal still goes through.
import { describe, expect, it } from "vitest";
import { getJson, postEvents, readLog } from "./http.js";
import { createMatch, goal, periodStarted, shot } from "./match.js";

const kick = (side: "HOME" | "AWAY", kick_number: number, scored: boolean) => ({
  event_type: "PENALTY_SHOOTOUT_KICK",
  occurred_at: new Date(Date.UTC(2018, 6, 15, 17, 30, kick_number)).toISOString(),
  source: { system: "REFEREE" },
  data: { team: { side }, kick_number, scored },
});
const signal = (side: "HOME" | "AWAY") => ({
  event_type: "GOAL_LINE_SIGNAL",
  occurred_at: new Date(Date.UTC(2018, 6, 15, 17, 31)).toISOString(),
  source: { system: "HAWKEYE" },
  data: { team: { side } },
});
const matchOf = async (id: string) => (await getJson(`/v1/matches/${id}`)).body;

describe("the shoot-out (issue 11 item 3)", () => {
  it("refuses a kick before it, goals and shots during it, and still takes a correction of an earlier goal", async () => {
    const id = await createMatch("shootout");
    expect((await postEvents(id, periodStarted())).status).toBe(202);
    const scored = await postEvents(id, goal("HOME", "HOM-p1", 10));
    expect(scored.status).toBe(202);
    expect((await postEvents(id, goal("AWAY", "AWY-p1", 20))).status).toBe(202);

    const early = await postEvents(id, kick("HOME", 1, true));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("shootout_not_started");

    expect((await postEvents(id, periodStarted("PENALTY_SHOOTOUT"))).status).toBe(202);
    expect((await postEvents(id, kick("HOME", 1, true))).status).toBe(202);
    const before = await matchOf(id);
    expect(before.penalty_score).toEqual({ home: 1, away: 0 });

    for (const body of [signal("AWAY"), goal("AWAY", "AWY-p2", 44), shot("AWAY", "AWY-p2", 44)]) {
      const res = await postEvents(id, body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe("shootout_in_progress");
    }
    const during = await matchOf(id);
    expect([during.home.score, during.away.score]).toEqual([1, 1]);
    expect(during.penalty_score).toEqual({ home: 1, away: 0 });
    expect(during.last_sequence).toBe(before.last_sequence);

    const amend = {
      event_type: "GOAL_AMENDED",
      occurred_at: new Date(Date.UTC(2018, 6, 15, 17, 32)).toISOString(),
      source: { system: "OPTA" },
      data: { scorer: { player_id: "HOM-p2" } },
      metadata: { causation_id: scored.body.results[0].event_id },
    };
    const amended = await postEvents(id, amend);
    expect(amended.status, JSON.stringify(amended.body)).toBe(202);
    expect((await postEvents(id, kick("AWAY", 1, true))).status).toBe(202);

    const log = await readLog(id);
    expect(log.map((e) => e.event_type)).toEqual([
      "PERIOD_STARTED",
      "GOAL_SCORED",
      "GOAL_SCORED",
      "PERIOD_STARTED",
      "PENALTY_SHOOTOUT_KICK",
      "GOAL_AMENDED",
      "PENALTY_SHOOTOUT_KICK",
    ]);
    const after = await matchOf(id);
    expect([after.home.score, after.away.score]).toEqual([1, 1]);
    expect(after.penalty_score).toEqual({ home: 1, away: 1 });
  });
});
