// GET /v1/matches/{id}/analytics through the real stack (pipeline and Postgres): once every event up to a state is
// enriched, that state's analytics never change, so the gateway keeps them in the data center's cache and the
// dashboards reading them after a shot (`until`, as the SDK asks) reach neither the room nor Postgres.
import { describe, expect, it } from "vitest";
import { getJson, type JsonResponse, postEvents } from "./http.js";
import { createMatch, goal, periodStarted, shot } from "./match.js";

const SETTLED = "public, max-age=86400, immutable";
const poll = { interval: 100, timeout: 60_000 };

interface Analytics {
  pending: number;
  events: { event_id: string }[];
}

const read = (matchId: string, query = "") =>
  getJson(`/v1/matches/${matchId}/analytics${query}`) as Promise<JsonResponse<Analytics>>;
const hit = (res: JsonResponse) => res.headers.get("cf-cache-status") === "HIT";

/** Reads until `done` says the answer is the one wanted (enrichment runs behind the 202, the store after the answer). */
async function readUntil(matchId: string, query: string, done: (res: JsonResponse<Analytics>) => boolean) {
  let last: JsonResponse<Analytics> | undefined;
  await expect
    .poll(async () => {
      last = await read(matchId, query);
      return last.status === 200 && done(last);
    }, poll)
    .toBe(true);
  return last!;
}

describe("analytics of a settled state, from the edge cache", () => {
  it("keeps a state's analytics once every event is enriched, and never a state still pending or not reached", async () => {
    const id = await createMatch("xg-cache");
    for (const e of [periodStarted(), shot("HOME", "HOM-p1", 4), goal("AWAY", "AWY-p2", 9)])
      expect((await postEvents(id, e)).status).toBe(202);

    const settled = await readUntil(id, "?until=3", (res) => res.body.pending === 0);
    expect(settled.body.events).toHaveLength(3);
    expect(settled.headers.get("cache-control")).toBe(SETTLED);
    const cached = await readUntil(id, "?until=3", hit);
    expect(cached.body).toEqual(settled.body);
    expect(cached.headers.get("cache-control")).toBe(SETTLED);
    // A reader without until gets the same answer from the cache; the match is live, so it must not keep it.
    const latest = await read(id);
    expect(hit(latest)).toBe(true);
    expect(latest.body).toEqual(settled.body);
    expect(latest.headers.get("cache-control")).toBe("no-cache");

    // The next shot makes a new state: the old one's answer stays as it was, the latest has the shot.
    expect((await postEvents(id, shot("HOME", "HOM-p3", 12))).status).toBe(202);
    const old = await read(id, "?until=3");
    expect(hit(old)).toBe(true);
    expect(old.body).toEqual(settled.body);
    const after = await readUntil(id, "", (res) => res.body.events.length === 4);
    expect(after.body.events.slice(0, 3)).toEqual(settled.body.events);

    // A state the match has not reached may still change: answered, never kept.
    for (let i = 0; i < 2; i++) {
      const ahead = await read(id, "?until=9");
      expect(ahead.status).toBe(200);
      expect(ahead.body.events).toHaveLength(4);
      expect(ahead.headers.get("cache-control")).toBe("no-cache");
      expect(hit(ahead)).toBe(false);
    }
  });
});
