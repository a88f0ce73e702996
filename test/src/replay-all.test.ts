import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorldCup, replayMatch, type ReplayResult } from "@buzz/simulator";
import { describe, expect, it } from "vitest";
import { baseUrl, getJson, readLog } from "./http.js";
import { ADMIN_TOKEN, DEV_KEY } from "./keys.js";

const matches = loadWorldCup();
/** Match seconds per real second: the longest match (extra time and a shoot-out, ~138 minutes) in about 14 s. */
const SPEED = 600;
/** Small pages, so reading a log really follows `next_after` across pages. */
const PAGE = 7;

describe("the 64 matches of 2018, replayed concurrently by the stadium simulator", () => {
  it("end with the data's scores, shoot-outs and gap-free logs", { timeout: 600_000 }, async () => {
    const walDir = mkdtempSync(join(tmpdir(), "buzz-e2e-wal-"));
    const replays: ReplayResult[] = await Promise.all(
      matches.map((match) =>
        replayMatch({ baseUrl: baseUrl(), adminToken: ADMIN_TOKEN, keyId: DEV_KEY.id, secret: DEV_KEY.secret, match, speed: SPEED, walDir, seed: "e2e" }),
      ),
    );

    for (const [i, match] of matches.entries()) {
      const id = match.matchId;
      const replay = replays[i]!;
      // The sensor opens each goal, the operator's report amends it, the operator's resend is a duplicate.
      for (const { item, result } of replay.results) {
        const expected = item.kind === "operator" ? "amended" : item.kind === "operator-resend" ? "duplicate" : "sequenced";
        expect(result.status, `${id} ${item.kind} ${item.event.event_type} at ${item.at.toFixed(1)} s`).toBe(expected);
      }

      const state = await getJson(`/v1/matches/${id}`);
      expect(state.status, id).toBe(200);
      const [home, away] = match.raw.score.et ?? match.raw.score.ft;
      const p = match.raw.score.p;
      expect({ id, home: state.body.home.score, away: state.body.away.score, pens: state.body.penalty_score }).toEqual({
        id,
        home,
        away,
        pens: p ? { home: p[0], away: p[1] } : null,
      });
      expect(state.body.status, id).toBe("FINISHED");

      const log = await readLog(id, PAGE);
      expect(log.map((e) => e.sequence_number), id).toEqual(Array.from({ length: state.body.last_sequence }, (_, n) => n + 1));
      expect(new Set(log.map((e) => e.event_id)).size, id).toBe(log.length);
      const goals = home + away;
      expect(log.filter((e) => e.event_type === "GOAL_SCORED").length, id).toBe(goals);
      expect(log.filter((e) => e.event_type === "GOAL_AMENDED").length, id).toBe(goals);
    }
  });
});
