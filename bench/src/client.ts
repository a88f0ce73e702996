import { createHmac, randomBytes } from "node:crypto";
import { DEV_ADMIN_TOKEN, DEV_SOURCE_KEY } from "@buzz/dev-stack";

/** v2 signature headers of the contract for POST `path`, computed before the clock starts so they are not measured. */
export function signed(rawBody: string, path: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac("sha256", DEV_SOURCE_KEY.secret)
    .update(`${ts}.POST.${path}.${rawBody}`)
    .digest("hex");
  return {
    "Content-Type": "application/json",
    "X-Buzz-Key-Id": DEV_SOURCE_KEY.id,
    "X-Buzz-Timestamp": String(ts),
    "X-Buzz-Signature": `v2=${mac}`,
  };
}

export const eventsPath = (matchId: string) => `/v1/matches/${matchId}/events`;

export async function expectOk(res: Response, what: string): Promise<any> {
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

const roster = (team: string) =>
  Array.from({ length: 11 }, (_, i) => ({
    player_id: `${team}-${i + 1}`,
    name: `${team} ${i + 1}`,
    jersey_number: i + 1,
  }));

/** Creates a fresh match with full rosters and starts its first half; returns its id. */
export async function createLiveMatch(baseUrl: string, name: string): Promise<string> {
  const id = `bench-${name}-${randomBytes(4).toString("hex")}`;
  const fixture = {
    competition: { id: "bench", name: "Bench Cup" },
    kickoff_at: new Date().toISOString(),
    home: { team_id: "BHA", name: "Bench Home", players: roster("BHA") },
    away: { team_id: "BAW", name: "Bench Away", players: roster("BAW") },
  };
  await expectOk(
    await fetch(`${baseUrl}/v1/matches/${id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${DEV_ADMIN_TOKEN}` },
      body: JSON.stringify(fixture),
    }),
    `PUT fixture ${id}`,
  );
  const start = {
    event_type: "PERIOD_STARTED",
    occurred_at: new Date().toISOString(),
    source: { system: "REFEREE" },
    data: { match_period: "FIRST_HALF" },
  };
  await postEvent(baseUrl, id, JSON.stringify(start));
  return id;
}

/** The i-th shot of a bench run: a distinct fact (own idempotency key), spread over players and minutes. */
export function shotBody(i: number): string {
  const side = i % 2 === 0 ? "HOME" : "AWAY";
  return JSON.stringify({
    event_type: "SHOT",
    occurred_at: new Date().toISOString(),
    source: { system: "OPTA", operator_id: "bench" },
    data: {
      team: { side },
      player: { player_id: `${side === "HOME" ? "BHA" : "BAW"}-${1 + (Math.floor(i / 2) % 11)}` },
      match_minute: 1 + (i % 45),
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      outcome: "ON_TARGET",
    },
    metadata: { idempotency_key: `bench-shot-${i}` },
  });
}

/** A goal for the home side (BHA, the side bench fans follow): a full operator report, scorer known. */
export function goalBody(i: number, minute: number, idempotencyKey: string): string {
  return JSON.stringify({
    event_type: "GOAL_SCORED",
    occurred_at: new Date().toISOString(),
    source: { system: "OPTA", operator_id: "bench" },
    data: {
      team: { side: "HOME" },
      scorer: { player_id: `BHA-${1 + (i % 11)}` },
      assist: null,
      match_minute: minute,
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      goal_type: "OPEN_PLAY",
    },
    metadata: { idempotency_key: idempotencyKey },
  });
}

export async function postEvent(
  baseUrl: string,
  matchId: string,
  body: string,
  headers = signed(body, eventsPath(matchId)),
): Promise<any> {
  const res = await fetch(`${baseUrl}${eventsPath(matchId)}`, { method: "POST", headers, body });
  return expectOk(res, `POST event to ${matchId}`);
}
