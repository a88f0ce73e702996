// What the ops routes decide before reaching Postgres (which these workerd tests do not have): admin auth,
// input checks, and the room-only replay. Health, latency and dead letters against Postgres: test/src/ops.test.ts.
import { describe, expect, it } from "vitest";
import {
  admin,
  call,
  errorOf,
  freshMatchId,
  goalEvent,
  ingest,
  kickOff,
  putFixture,
} from "../testing/http.js";

const DEAD_LETTER_ID = "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f";
const ROUTES: [string, string][] = [
  ["GET", "/v1/ops/health"],
  ["GET", "/v1/ops/matches/m1/latency"],
  ["POST", "/v1/ops/matches/m1/replay"],
  ["GET", "/v1/ops/dead-letters"],
  ["POST", `/v1/ops/dead-letters/${DEAD_LETTER_ID}/redrive`],
];

describe("ops health routes", () => {
  it.each(ROUTES)("%s %s needs the admin token", async (method, path) => {
    const none = await call(path, { method });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe("unauthorized");
    const wrong = await call(path, { method, headers: { Authorization: "Bearer not-the-token" } });
    expect(wrong.status).toBe(401);
  });

  it.each([
    ["/v1/ops/dead-letters?queue=kafka", "queue"],
    ["/v1/ops/dead-letters?queue=notifications-dlq-dlq", "queue"],
    ["/v1/ops/dead-letters?state=zombie", "state"],
    ["/v1/ops/dead-letters?limit=0", "limit"],
    ["/v1/ops/dead-letters?limit=201", "limit"],
    ["/v1/ops/dead-letters?limit=ten", "limit"],
  ])("refuses %s naming %s", async (path, field) => {
    const res = await admin(path);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid_query");
    expect(error.issues?.[0]?.path).toEqual([field]);
  });

  it.each(["not-a-uuid", "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4", "0190a3e2x7b4c-7d3e-9f21-3c5a8e1b2d4f"])(
    "refuses to redrive %s",
    async (id) => {
      const res = await admin(`/v1/ops/dead-letters/${id}/redrive`, { method: "POST" });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_id");
    },
  );

  it.each([
    ["GET", "latency"],
    ["POST", "replay"],
  ])("%s …/%s: a malformed match id is 400, an unknown match 404", async (method, action) => {
    const bad = await admin(`/v1/ops/matches/-bad/${action}`, { method });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe("invalid_match_id");
    const unknown = await admin(`/v1/ops/matches/${freshMatchId("nope")}/${action}`, { method });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("match_not_found");
  });

  it("answers an empty waterfall for a match with no events yet", async () => {
    const matchId = freshMatchId("quiet");
    await putFixture(matchId);
    const res = await admin(`/v1/ops/matches/${matchId}/latency`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ events: [] });
  });

  it("replays a match's whole log: 202 with the number of events put back in the outbox", async () => {
    const matchId = freshMatchId("replay");
    await putFixture(matchId);
    expect(
      (await ingest(matchId, { events: [kickOff(), goalEvent(), goalEvent("FRA-mbappe", 60)] })).status,
    ).toBe(202);

    const res = await admin(`/v1/ops/matches/${matchId}/replay`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ events: 3 });
    // The log itself is untouched: a replay re-sends, it does not re-sequence.
    const match = (await (await call(`/v1/matches/${matchId}`)).json()) as {
      last_sequence: number;
      home: { score: number };
    };
    expect(match).toMatchObject({ last_sequence: 3, home: { score: 2 } });
  });
});
