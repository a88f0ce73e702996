import { env } from "cloudflare:workers";
import type { MatchSummary } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { directoryOf } from "./index.js";

let n = 0;
function summary(over: Partial<MatchSummary> & { match_id: string }): MatchSummary {
  return {
    competition: { id: "dir-cup", name: "Directory Cup" },
    kickoff_at: "2018-07-15T15:00:00Z",
    venue: null,
    status: "SCHEDULED",
    period: null,
    in_play: false,
    minute: null,
    stoppage_minute: 0,
    last_sequence: 0,
    home: { team_id: "FRA", name: "France", score: 0 },
    away: { team_id: "CRO", name: "Croatia", score: 0 },
    penalty_score: null,
    updated_at: "2018-07-15T14:00:00.000Z",
    ...over,
  };
}
const cup = () => `cup-${n++}`;

describe("MatchDirectory", () => {
  it("keeps the newest summary when updates arrive out of order", async () => {
    const dir = directoryOf(env);
    const competition = { id: cup(), name: "Cup" };
    const at = (s: number) => new Date(Date.UTC(2018, 6, 15, 15, 0, s)).toISOString();
    const goal2 = summary({
      match_id: "dir-a",
      competition,
      status: "LIVE",
      last_sequence: 5,
      updated_at: at(5),
      home: { team_id: "FRA", name: "France", score: 2 },
    });
    const goal1 = summary({
      match_id: "dir-a",
      competition,
      status: "LIVE",
      last_sequence: 3,
      updated_at: at(3),
      home: { team_id: "FRA", name: "France", score: 1 },
    });
    await dir.upsert(goal2);
    await dir.upsert(goal1);
    expect(await dir.list({ competition: competition.id })).toEqual([goal2]);

    // A fixture edit moves updated_at but not the sequence: it applies, and an older edit does not.
    const renamed = { ...goal2, venue: "Luzhniki", updated_at: at(9) };
    await dir.upsert(renamed);
    await dir.upsert({ ...goal2, venue: "stale", updated_at: at(7) });
    expect(await dir.list({ competition: competition.id })).toEqual([renamed]);

    const later = { ...renamed, last_sequence: 6, updated_at: at(10), status: "FINISHED" as const };
    await dir.upsert(later);
    expect(await dir.list({ competition: competition.id })).toEqual([later]);
  });

  it("filters by status and competition and orders by kickoff", async () => {
    const dir = directoryOf(env);
    const c1 = { id: cup(), name: "One" };
    const c2 = { id: cup(), name: "Two" };
    const late = summary({ match_id: "dir-late", competition: c1, kickoff_at: "2018-07-15T18:00:00+03:00" });
    const early = summary({
      match_id: "dir-early",
      competition: c1,
      kickoff_at: "2018-07-15T14:00:00Z",
      status: "LIVE",
    });
    const middle = summary({
      match_id: "dir-middle",
      competition: c1,
      kickoff_at: "2018-07-15T14:30:00Z",
      status: "FINISHED",
    });
    const elsewhere = summary({ match_id: "dir-elsewhere", competition: c2, status: "LIVE" });
    for (const s of [late, early, middle, elsewhere]) await dir.upsert(s);

    const ids = (list: MatchSummary[]) => list.map((s) => s.match_id);
    expect(ids(await dir.list({ competition: c1.id }))).toEqual(["dir-early", "dir-middle", "dir-late"]);
    expect(ids(await dir.list({ competition: c1.id, status: "LIVE" }))).toEqual(["dir-early"]);
    expect(ids(await dir.list({ status: "LIVE" }))).toEqual(
      expect.arrayContaining(["dir-early", "dir-elsewhere"]),
    );
    expect(ids(await dir.list({ status: "LIVE" }))).not.toContain("dir-late");
    expect(await dir.list({ competition: "no-such-cup" })).toEqual([]);
  });
});
