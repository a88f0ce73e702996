// A real 2018 match, replayed by the stadium simulator (signed ingest with the dev key, the sensor's provisional
// goal then the operator's amendment, as in a stadium) under ids of its own, so the fans of this test hear only
// this replay: the shared stack may be replaying the same match for another suite.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadWorldCup,
  type ReplayResult,
  replayMatch,
  selectMatch,
  type WorldCupMatch,
} from "@buzz/simulator";
import { baseUrl } from "../http.js";
import { ADMIN_TOKEN, DEV_KEY } from "../keys.js";

/** The match (`64` is the final, France 4-2 Croatia) with a fresh match id and team ids; names stay real. */
export function isolatedMatch(selector: string): WorldCupMatch {
  const match = selectMatch(loadWorldCup(), selector);
  const suffix = randomBytes(3).toString("hex");
  return {
    ...match,
    matchId: `${match.matchId}-e2e-${suffix}`,
    home: { ...match.home, code: `${match.home.code}-${suffix}` },
    away: { ...match.away, code: `${match.away.code}-${suffix}` },
  };
}

export function replay(match: WorldCupMatch, speed: number): Promise<ReplayResult> {
  const walDir = mkdtempSync(join(tmpdir(), "buzz-e2e-push-"));
  return replayMatch({
    baseUrl: baseUrl(),
    adminToken: ADMIN_TOKEN,
    keyId: DEV_KEY.id,
    secret: DEV_KEY.secret,
    match,
    speed,
    walDir,
    seed: "e2e-push",
  });
}
