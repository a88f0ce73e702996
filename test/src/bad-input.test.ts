import { beforeAll, describe, expect, it } from "vitest";
import { getJson, type JsonResponse, nowSeconds, postEvents, putFixture, readLog } from "./http.js";
import { RESTRICTED_KEY } from "./keys.js";
import { createMatch, goal, periodStarted, shot, smallFixture, uniqueMatchId } from "./match.js";

/** A clear 4xx: the contract's error body with a code and a message, never a 5xx. */
function expectClientError(res: JsonResponse, status?: number) {
  if (status) expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(typeof res.body.error.code).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(0);
}
const issuePaths = (res: JsonResponse): string[] =>
  (res.body.error.issues ?? []).map((i: any) => i.path.join("."));

describe("bad input through the real stack", () => {
  let id: string;
  beforeAll(async () => {
    id = await createMatch("bad-input");
  });

  it("malformed JSON → 400", async () => {
    expectClientError(await postEvents(id, undefined, { rawBody: '{"event_type": "SHOT", ' }), 400);
  });

  it("unknown event type → 4xx naming event_type", async () => {
    const res = await postEvents(id, { ...shot("HOME", "HOM-p1", 3), event_type: "TELEPORT" });
    expectClientError(res);
    expect(issuePaths(res)).toContain("event_type");
  });

  it("wrong field type and missing field → 4xx naming each", async () => {
    const wrongType = shot("HOME", "HOM-p1", 3) as any;
    wrongType.data.match_minute = "ten";
    const res = await postEvents(id, wrongType);
    expectClientError(res);
    expect(issuePaths(res)).toContain("data.match_minute");

    const missing = goal("HOME", "HOM-p1", 4) as any;
    delete missing.data.scorer;
    const res2 = await postEvents(id, missing);
    expectClientError(res2);
    expect(issuePaths(res2)).toContain("data.scorer");
  });

  it("oversize batch and oversize body → 4xx", async () => {
    const batch = {
      events: Array.from({ length: 501 }, (_, i) => shot("HOME", "HOM-p1", 1 + (i % 45), Math.floor(i / 45))),
    };
    expectClientError(await postEvents(id, batch));
    const huge = { ...shot("HOME", "HOM-p1", 5), padding: "x".repeat(1_200_000) };
    expectClientError(await postEvents(id, huge), 413);
  });

  it("a batch with one bad event is refused whole", async () => {
    const res = await postEvents(id, {
      events: [periodStarted(), { ...shot("HOME", "HOM-p1", 6), source: { system: "RADIO" } }],
    });
    expectClientError(res);
    expect(issuePaths(res)).toContain("events.1.source.system");
  });

  it("a player not on the roster and a cancellation of an unknown goal → 4xx", async () => {
    const res = await postEvents(id, goal("HOME", "NOT-on-roster", 7));
    expectClientError(res);
    expect(JSON.stringify(res.body.error)).toContain("NOT-on-roster");
    const cancel = {
      event_type: "GOAL_CANCELLED",
      occurred_at: "2018-07-15T15:08:00.000Z",
      source: { system: "REFEREE" },
      data: { reason: "VAR" },
      metadata: { causation_id: "0190a5e2-7a3b-7cc1-8d2e-2f1b7a9c4d10" },
    };
    expectClientError(await postEvents(id, cancel), 422);
  });

  it("unknown match → 404, for ingest and for reads", async () => {
    const ghost = uniqueMatchId("ghost");
    expectClientError(await postEvents(ghost, shot("HOME", "HOM-p1", 8)), 404);
    expectClientError(await getJson(`/v1/matches/${ghost}`), 404);
  });

  it("unsigned, badly signed, unknown key, stale timestamp → 401", async () => {
    const e = shot("HOME", "HOM-p1", 9);
    expectClientError(await postEvents(id, e, { unsigned: true }), 401);
    expectClientError(await postEvents(id, e, { key: { id: "dev-source", secret: "not-the-secret" } }), 401);
    expectClientError(await postEvents(id, e, { key: { id: "nobody", secret: "dev-source-secret" } }), 401);
    expectClientError(await postEvents(id, e, { timestamp: nowSeconds() - 301 }), 401);
  });

  it("a key used outside its systems or matches → 403", async () => {
    const own = await createMatch("hawkeye", uniqueMatchId("hawkeye").replace(/^e2e-/, "e2e-hawkeye-"));
    expectClientError(await postEvents(own, shot("HOME", "HOM-p1", 10), { key: RESTRICTED_KEY }), 403);
    const signal = {
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: "2018-07-15T15:10:00.000Z",
      source: { system: "HAWKEYE" },
      data: { team: { side: "HOME" } },
    };
    expectClientError(await postEvents(id, signal, { key: RESTRICTED_KEY }), 403);
    expect(await readLog(own)).toHaveLength(0);
  });

  it("admin endpoints: wrong token → 401, invalid fixture → 4xx naming the field", async () => {
    expectClientError(await putFixture(uniqueMatchId("noauth"), smallFixture(), "wrong-token"), 401);
    const res = await putFixture(uniqueMatchId("badfixture"), { ...smallFixture(), kickoff_at: "yesterday" });
    expectClientError(res);
    expect(issuePaths(res)).toContain("kickoff_at");
  });

  it("after all of it, nothing was sequenced", async () => {
    expect(await readLog(id)).toEqual([]);
    expect((await getJson(`/v1/matches/${id}`)).body.last_sequence).toBe(0);
  });
});
