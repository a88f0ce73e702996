import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorldCup, type ReplayResult, replayMatch } from "@buzz/simulator";
import { describe, expect, it } from "vitest";
import { baseUrl, getJson, readLog } from "./http.js";
import { ADMIN_TOKEN, DEV_KEY } from "./keys.js";

// Ids of this run's own: the stack is shared with every suite, and another (the property tests' simulations, an
// admin's replay) may already have written to a real match id, whose first events would then be duplicates here.
const RUN = randomBytes(3).toString("hex");
const matches = loadWorldCup().map((m) => ({ ...m, matchId: `${m.matchId}-${RUN}` }));
/** Match seconds per real second: the longest match (extra time and a shoot-out, ~138 minutes) in about 14 s. */
const SPEED = 600;
/** Small pages, so reading a log really follows `next_after` across pages. */
const PAGE = 7;

describe("the 64 matches of 2018, replayed concurrently by the stadium simulator", () => {
  it("end with the data's scores, shoot-outs and gap-free logs", { timeout: 600_000 }, async () => {
    const walDir = mkdtempSync(join(tmpdir(), "buzz-e2e-wal-"));
    const replays: ReplayResult[] = await Promise.all(
      matches.map((match) =>
        replayMatch({
          baseUrl: baseUrl(),
          adminToken: ADMIN_TOKEN,
          keyId: DEV_KEY.id,
          secret: DEV_KEY.secret,
          match,
          speed: SPEED,
          walDir,
          seed: "e2e",
          // A quarter of a real match's corners, fouls, offsides and saves: every stat, without quadrupling the
          // POSTs of 64 concurrent replays on a shared machine.
          incidents: 0.25,
        }),
      ),
    );

    let reviews = 0;
    for (const [i, match] of matches.entries()) {
      const id = match.matchId;
      const replay = replays[i]!;
      // The sensor opens each goal, the operator's report amends it, the operator's resend is a duplicate. On a
      // loaded machine a first answer can come after the source's timeout: its resend is then a duplicate too,
      // which the log checks below keep honest (each event once, no gap).
      for (const { item, result, attempts } of replay.results) {
        const first =
          item.kind === "operator" ? "amended" : item.kind === "operator-resend" ? "duplicate" : "sequenced";
        const allowed = attempts > 1 ? [first, "duplicate"] : [first];
        expect(allowed, `${id} ${item.kind} ${item.event.event_type} at ${item.at.toFixed(1)} s`).toContain(
          result.status,
        );
      }

      const state = await getJson(`/v1/matches/${id}`);
      expect(state.status, id).toBe(200);
      const [home, away] = match.raw.score.et ?? match.raw.score.ft;
      const p = match.raw.score.p;
      expect({
        id,
        home: state.body.home.score,
        away: state.body.away.score,
        pens: state.body.penalty_score,
      }).toEqual({
        id,
        home,
        away,
        pens: p ? { home: p[0], away: p[1] } : null,
      });
      expect(state.body.status, id).toBe("FINISHED");

      const log = await readLog(id, PAGE);
      expect(
        log.map((e) => e.sequence_number),
        id,
      ).toEqual(Array.from({ length: state.body.last_sequence }, (_, n) => n + 1));
      expect(new Set(log.map((e) => e.event_id)).size, id).toBe(log.length);
      const goals = home + away;
      expect(log.filter((e) => e.event_type === "GOAL_SCORED").length, id).toBe(goals);
      expect(log.filter((e) => e.event_type === "GOAL_AMENDED").length, id).toBe(goals);

      // Contract v1.1: the generated corners, fouls, offsides and saves are each side's stats, the VAR checks
      // are in the log, all confirmed (no goal cancelled), and none is left running.
      const sentOf = (type: string, side?: string) =>
        replay.results.filter(
          (r) =>
            r.item.event.event_type === type &&
            (side === undefined || (r.item.event.data as { team: { side: string } }).team.side === side),
        ).length;
      const stats = state.body.stats;
      for (const [side, key] of [
        ["HOME", "home"],
        ["AWAY", "away"],
      ] as const)
        expect(
          [stats[key].corners, stats[key].fouls, stats[key].offsides, stats[key].saves],
          `${id} ${side}`,
        ).toEqual([
          sentOf("CORNER_KICK", side),
          sentOf("FOUL", side),
          sentOf("OFFSIDE", side),
          sentOf("SAVE", side),
        ]);
      const ownGoals = log.filter((e) => e.event_type === "GOAL_AMENDED" && e.data.goal_type === "OWN_GOAL");
      expect(stats.home.shots + stats.away.shots, id).toBe(goals - ownGoals.length);
      expect(stats.home.corners + stats.away.corners, id).toBeGreaterThan(0);
      for (const type of ["VAR_REVIEW_STARTED", "VAR_REVIEW_ENDED"])
        expect(log.filter((e) => e.event_type === type).length, `${id} ${type}`).toBe(sentOf(type));
      reviews += sentOf("VAR_REVIEW_STARTED");
      expect(log.filter((e) => e.event_type === "GOAL_CANCELLED").length, id).toBe(0);
      expect(state.body.var_review, id).toBeNull();
    }
    expect(reviews).toBeGreaterThan(0);
  });
});
