import type { FixtureInput } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import {
  admin,
  call,
  errorOf,
  fixtureBody,
  freshMatchId,
  goalEvent,
  ingest,
  kickOff,
  putFixture,
} from "../testing/http.js";

interface State {
  match_id: string;
  status: string;
  last_sequence: number;
  venue: string | null;
  home: { team_id: string; name: string; score: number };
  away: { team_id: string; score: number };
}

describe("PUT /v1/matches/{id}", () => {
  it("creates with 201, updates with 200, and answers the state", async () => {
    const matchId = freshMatchId();
    const created = await putFixture(matchId);
    expect(created.status).toBe(201);
    const state = (await created.json()) as State;
    expect(state).toMatchObject({
      match_id: matchId,
      status: "SCHEDULED",
      last_sequence: 0,
      home: { team_id: "FRA", score: 0 },
    });

    const updated = await putFixture(matchId, { ...fixtureBody(), venue: "Stade de France" });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as State).venue).toBe("Stade de France");
    expect(((await (await call(`/v1/matches/${matchId}`)).json()) as State).venue).toBe("Stade de France");
  });

  it("refuses an invalid fixture with 422 naming the fields, creating nothing", async () => {
    const matchId = freshMatchId();
    const { kickoff_at: _, ...noKickoff } = fixtureBody();
    const res = await putFixture(matchId, { ...noKickoff, away: { ...fixtureBody().away, team_id: "FRA" } });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["kickoff_at"]));
    expect((await call(`/v1/matches/${matchId}`)).status).toBe(404);
  });

  it.each([
    [
      "a NUL character in a team name",
      (f: FixtureInput) => ({ ...f, home: { ...f.home, name: "France\u0000" } }),
      "home.name",
    ],
    [
      "a NUL character in a player name",
      (f: FixtureInput) => ({
        ...f,
        away: { ...f.away, players: [{ ...f.away.players[0]!, name: "x\u0000" }] },
      }),
      "away.players.0.name",
    ],
    [
      "a NUL character in the competition",
      (f: FixtureInput) => ({ ...f, competition: { ...f.competition, name: "\u0000" } }),
      "competition.name",
    ],
    ["the year 0000", (f: FixtureInput) => ({ ...f, kickoff_at: "0000-07-15T15:00:00Z" }), "kickoff_at"],
    [
      "the year 10000 written as 5 digits",
      (f: FixtureInput) => ({ ...f, kickoff_at: "10000-07-15T15:00:00Z" }),
      "kickoff_at",
    ],
  ])("refuses %s with 422 before anything is stored (room or Postgres mirror)", async (_, change, path) => {
    const matchId = freshMatchId();
    const res = await putFixture(matchId, change(fixtureBody()));
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((i) => i.path.join("."))).toContain(path);
    expect((await call(`/v1/matches/${matchId}`)).status).toBe(404);
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await admin(`/v1/matches/${freshMatchId()}`, { method: "PUT", body: "{" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
  });

  it.each(["-starts-with-dash", "has%20space", "x".repeat(129)])(
    "refuses the match id %j with 400",
    async (id) => {
      const res = await putFixture(id);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_match_id");
    },
  );
});

describe("GET /v1/matches/{id} and /events", () => {
  it("answers 404 match_not_found for an unknown match", async () => {
    const matchId = freshMatchId();
    for (const path of [`/v1/matches/${matchId}`, `/v1/matches/${matchId}/events`]) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("match_not_found");
    }
  });

  it("pages the log with after and limit", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    expect(
      (
        await ingest(matchId, {
          events: [kickOff(), goalEvent("FRA-griezmann", 10), goalEvent("FRA-mbappe", 20)],
        })
      ).status,
    ).toBe(202);

    const all = (await (await call(`/v1/matches/${matchId}/events`)).json()) as {
      events: { sequence_number: number }[];
      next_after: number;
    };
    expect(all.events.map((e) => e.sequence_number)).toEqual([1, 2, 3]);
    expect(all.next_after).toBe(3);

    const page = (await (await call(`/v1/matches/${matchId}/events?after=1&limit=1`)).json()) as typeof all;
    expect(page.events.map((e) => e.sequence_number)).toEqual([2]);
    expect(page.next_after).toBe(2);

    const state = (await (await call(`/v1/matches/${matchId}`)).json()) as State;
    expect(state).toMatchObject({ last_sequence: 3, status: "LIVE", home: { score: 2 } });
  });

  it("caches a full page at the edge, and never one that may still grow", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    expect((await ingest(matchId, { events: [kickOff(), goalEvent("FRA-griezmann", 10)] })).status).toBe(202);
    const sequences = async (res: Response) =>
      ((await res.json()) as { events: { sequence_number: number }[] }).events.map((e) => e.sequence_number);

    const full = await call(`/v1/matches/${matchId}/events?limit=2`);
    expect(full.headers.get("cache-control")).toBe("public, max-age=86400, immutable");
    expect(await sequences(full)).toEqual([1, 2]);
    // The store is written after the answer (waitUntil): the same page, asked again with its parameters in
    // another order and one the page does not read, by a fan app that sends its device token, soon comes from
    // the cache.
    let hit: Response | undefined;
    for (let i = 0; i < 50 && !hit; i++) {
      const res = await call(`/v1/matches/${matchId}/events?utm=x&limit=2&after=0`, {
        headers: { Authorization: "Bearer a-device-token" },
      });
      if (res.headers.get("cf-cache-status") === "HIT") hit = res;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(hit, "the full page was never served from the cache").toBeDefined();
    expect(await sequences(hit!)).toEqual([1, 2]);

    const open = await call(`/v1/matches/${matchId}/events?after=1`);
    expect(open.headers.get("cache-control")).toBe("no-cache");
    expect(await sequences(open)).toEqual([2]);
    expect((await ingest(matchId, goalEvent("FRA-mbappe", 20))).status).toBe(202);
    const grown = await call(`/v1/matches/${matchId}/events?after=1`);
    expect(grown.headers.get("cf-cache-status")).toBeNull();
    expect(await sequences(grown)).toEqual([2, 3]);
  });

  it("ends a page at until: a tail that reaches it is shared from the cache, one that cannot is not", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    expect((await ingest(matchId, { events: [kickOff(), goalEvent("FRA-griezmann", 10)] })).status).toBe(202);
    const read = async (query: string, init?: RequestInit) => {
      const res = await call(`/v1/matches/${matchId}/events?${query}`, init);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { events: { sequence_number: number }[]; next_after: number };
      return {
        sequences: body.events.map((e) => e.sequence_number),
        next: body.next_after,
        cache: res.headers.get("cache-control"),
        hit: res.headers.get("cf-cache-status") === "HIT",
      };
    };

    // A dashboard that opened on last_sequence 2: its tail (after 0, up to 2) is final although it is not 100 long.
    const tail = await read("after=0&until=2");
    expect(tail).toMatchObject({ sequences: [1, 2], next: 2, cache: "public, max-age=86400, immutable" });
    expect((await ingest(matchId, goalEvent("FRA-mbappe", 20))).status).toBe(202);
    // The store is written after the answer (waitUntil): the page soon comes from the cache.
    const cached = async (query: string, init?: RequestInit) => {
      for (let i = 0; i < 50; i++) {
        const again = await read(query, init);
        if (again.hit) return again;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`?${query} was never served from the cache`);
    };
    // Another dashboard on the same state reads it from the edge, the event after it not included.
    const shared = await cached("until=2&limit=100", { headers: { Authorization: "Bearer a-device-token" } });
    expect(shared).toMatchObject({ sequences: [1, 2], next: 2 });
    // It is the full page of that length: a reader asking for 2 events gets the same entry.
    expect(await read("after=0&limit=2")).toMatchObject({ sequences: [1, 2], hit: true });

    // The limit still holds, and until beyond the log is a page that may grow: never stored.
    expect(await read("after=0&limit=1&until=3")).toMatchObject({ sequences: [1], next: 1 });
    const beyond = await read("after=1&until=9");
    expect(beyond).toMatchObject({ sequences: [2, 3], next: 3, cache: "no-cache", hit: false });
    expect(await read("after=1&until=9")).toMatchObject({ hit: false });
    // until at or before after: nothing to read, not even the full page cached from the same after.
    expect(await cached("after=2&limit=1")).toMatchObject({ sequences: [3] });
    expect(await read("after=2&until=2")).toMatchObject({
      sequences: [],
      next: 2,
      cache: "no-cache",
      hit: false,
    });
    expect(await read("after=2&until=1")).toMatchObject({ sequences: [], next: 2, hit: false });
  });

  it.each([
    "after=-1",
    "after=1.5",
    "after=abc",
    "after=",
    "limit=0",
    "limit=1001",
    "limit=ten",
    "after=1e3",
    "until=-1",
    "until=2.5",
    "until=",
  ])("refuses ?%s with 400 invalid_query", async (query) => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const res = await call(`/v1/matches/${matchId}/events?${query}`);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid_query");
    expect(error.message).toContain(query.split("=")[0]);
  });
});

describe("GET /v1/matches", () => {
  it("lists fixtures from the directory, filtered by status and competition", async () => {
    const competition = freshMatchId("cup");
    const scheduled = freshMatchId();
    const live = freshMatchId();
    const fixture = (kickoff: string) => ({
      ...fixtureBody(),
      competition: { id: competition, name: "Test Cup" },
      kickoff_at: kickoff,
    });
    await putFixture(scheduled, fixture("2018-07-16T15:00:00Z"));
    await putFixture(live, fixture("2018-07-15T15:00:00Z"));
    expect((await ingest(live, kickOff())).status).toBe(202);

    const list = async (query: string) => {
      const res = await call(`/v1/matches?${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { matches: { match_id: string; status: string }[] }).matches.map(
        (m) => m.match_id,
      );
    };
    // The room updates the directory after answering, so poll briefly for the LIVE status to land.
    let all: string[] = [];
    for (let i = 0; i < 50; i++) {
      if ((await list(`competition=${competition}&status=LIVE`)).length === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    all = await list(`competition=${competition}`);
    expect(all).toEqual([live, scheduled]);
    expect(await list(`competition=${competition}&status=LIVE`)).toEqual([live]);
    expect(await list(`competition=${competition}&status=SCHEDULED`)).toEqual([scheduled]);
    expect(await list(`competition=${competition}&status=FINISHED`)).toEqual([]);
  });

  it.each(["status=live", "status=", "status=PLAYING", "competition=%20"])(
    "refuses ?%s with 400",
    async (query) => {
      const res = await call(`/v1/matches?${query}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_query");
    },
  );
});
