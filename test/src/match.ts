import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { putFixture } from "./http.js";

/** A fresh match id per test, so suites sharing the one stack never see each other's events. */
export const uniqueMatchId = (name: string) => `e2e-${name}-${randomBytes(4).toString("hex")}`;

const roster = (team: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    player_id: `${team}-p${i + 1}`,
    name: `${team} Player ${i + 1}`,
    jersey_number: i + 1,
  }));

export const HOME_PLAYERS = roster("HOM", 6);
export const AWAY_PLAYERS = roster("AWY", 6);

export const smallFixture = () => ({
  competition: { id: "e2e-cup", name: "E2E Cup" },
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Loopback Arena",
  home: { team_id: "HOM", name: "Home FC", players: HOME_PLAYERS },
  away: { team_id: "AWY", name: "Away United", players: AWAY_PLAYERS },
});

/** Creates the fixture and asserts the admin PUT succeeded; returns the match id. */
export async function createMatch(name: string, matchId = uniqueMatchId(name)): Promise<string> {
  const res = await putFixture(matchId, smallFixture());
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return matchId;
}

type Side = "HOME" | "AWAY";
const source = { system: "OPTA", operator_id: "e2e-op" };
const occurredAt = (minute: number) => new Date(Date.UTC(2018, 6, 15, 15, minute)).toISOString();

export const periodStarted = (period = "FIRST_HALF") => ({
  event_type: "PERIOD_STARTED",
  occurred_at: occurredAt(0),
  source: { system: "REFEREE" },
  data: { match_period: period },
});

export const goal = (side: Side, playerId: string, minute: number, stoppage = 0) => ({
  event_type: "GOAL_SCORED",
  occurred_at: occurredAt(minute),
  source,
  data: {
    team: { side },
    scorer: { player_id: playerId },
    assist: null,
    match_minute: minute,
    stoppage_minute: stoppage,
    match_period: "FIRST_HALF",
    goal_type: "OPEN_PLAY",
  },
});

export const shot = (side: Side, playerId: string, minute: number, stoppage = 0) => ({
  event_type: "SHOT",
  occurred_at: occurredAt(minute),
  source,
  data: {
    team: { side },
    player: { player_id: playerId },
    match_minute: minute,
    stoppage_minute: stoppage,
    match_period: "FIRST_HALF",
    outcome: "OFF_TARGET",
  },
});

/**
 * `count` first-half shots that are all distinct facts: each differs in player or clock position,
 * so each has its own default idempotency key (match|type|period|minute|stoppage|player).
 */
export function distinctShots(count: number) {
  const players = [
    ...HOME_PLAYERS.map((p) => ["HOME", p.player_id] as const),
    ...AWAY_PLAYERS.map((p) => ["AWAY", p.player_id] as const),
  ];
  return Array.from({ length: count }, (_, i) => {
    const [side, playerId] = players[i % players.length]!;
    const slot = Math.floor(i / players.length);
    return shot(side, playerId, 1 + (slot % 45), Math.floor(slot / 45));
  });
}
