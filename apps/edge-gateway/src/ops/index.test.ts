import { beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
  admin,
  call,
  errorOf,
  freshMatchId,
  goalEvent,
  ingest,
  kickOff,
  putFixture,
} from "../testing/http.js";

interface Result {
  event_id: string;
  sequence_number: number;
  status: string;
}
interface MatchJson {
  last_sequence: number;
  home: { score: number };
  away: { score: number };
  goals: { event_id: string; cancelled: boolean; cancel_reason: string | null }[];
}

const opsIngestRaw = (matchId: string, body: string, headers: Record<string, string> = {}) =>
  admin(`/v1/ops/matches/${matchId}/events`, { method: "POST", body, headers });
const opsIngest = (matchId: string, body: unknown) => opsIngestRaw(matchId, JSON.stringify(body));

async function matchOf(matchId: string): Promise<MatchJson> {
  const res = await call(`/v1/matches/${matchId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MatchJson;
}

async function resultsOf(res: Response): Promise<Result[]> {
  expect(res.status).toBe(202);
  return ((await res.json()) as { results: Result[] }).results;
}

function varCancel(goalId: string) {
  return {
    event_type: "GOAL_CANCELLED",
    occurred_at: "2018-07-15T15:40:00Z",
    source: { system: "REFEREE" },
    data: { reason: "VAR" },
    metadata: { causation_id: goalId },
  };
}

describe("POST /v1/ops/matches/{id}/events: the operations console as referee", () => {
  it("a VAR cancellation takes a goal off the score", async () => {
    const matchId = freshMatchId("ops");
    await putFixture(matchId);
    const [, goal] = await resultsOf(await opsIngest(matchId, { events: [kickOff("REFEREE"), goalEvent()] }));
    expect(goal).toMatchObject({ sequence_number: 2, status: "sequenced" });
    expect(await matchOf(matchId)).toMatchObject({ home: { score: 1 }, away: { score: 0 } });

    const [cancel] = await resultsOf(await opsIngest(matchId, varCancel(goal!.event_id)));
    expect(cancel).toMatchObject({ sequence_number: 3, status: "sequenced" });
    const state = await matchOf(matchId);
    expect(state).toMatchObject({ last_sequence: 3, home: { score: 0 }, away: { score: 0 } });
    expect(state.goals).toEqual([
      expect.objectContaining({ event_id: goal!.event_id, cancelled: true, cancel_reason: "VAR" }),
    ]);

    // Sent twice (a double click on the console), it is the same cancellation.
    const [again] = await resultsOf(await opsIngest(matchId, varCancel(goal!.event_id)));
    expect(again).toEqual({ ...cancel, status: "duplicate" });
  });

  it("takes any source system, and shares the signed route's log and idempotency", async () => {
    const matchId = freshMatchId("ops");
    await putFixture(matchId);
    const [hawkeye, simulator] = await resultsOf(
      await opsIngest(matchId, { events: [kickOff("HAWKEYE"), kickOff("SIMULATOR")] }),
    );
    expect(hawkeye).toMatchObject({ sequence_number: 1, status: "sequenced" });
    expect(simulator).toEqual({ ...hawkeye, status: "duplicate" });
    const [signed] = await resultsOf(await ingest(matchId, goalEvent()));
    expect(signed).toMatchObject({ sequence_number: 2, status: "sequenced" });
    const [viaOps] = await resultsOf(await opsIngest(matchId, goalEvent()));
    expect(viaOps).toEqual({ ...signed, status: "duplicate" });
  });
});

describe("refusals: a 4xx naming the problem, nothing sequenced", () => {
  const matchId = freshMatchId("ops");
  beforeAll(async () => {
    expect((await putFixture(matchId)).status).toBe(201);
  });

  async function expectRefused(res: Response, status: number, code: string, names: string) {
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(JSON.stringify(error)).toContain(names);
    expect((await matchOf(matchId)).last_sequence).toBe(0);
    return error;
  }

  it("no admin token → 401, a wrong one → 401, a source signature is not enough", async () => {
    const body = JSON.stringify(kickOff());
    await expectRefused(
      await call(`/v1/ops/matches/${matchId}/events`, { method: "POST", body }),
      401,
      "unauthorized",
      "Bearer",
    );
    const wrong = { Authorization: `Bearer ${ADMIN_TOKEN}x`, "Content-Type": "application/json" };
    await expectRefused(
      await call(`/v1/ops/matches/${matchId}/events`, { method: "POST", body, headers: wrong }),
      401,
      "unauthorized",
      "invalid admin token",
    );
  });

  it("malformed JSON → 400 invalid_json", async () => {
    await expectRefused(
      await opsIngestRaw(matchId, '{"event_type": '),
      400,
      "invalid_json",
      "not valid JSON",
    );
  });

  it("an invalid event → 422 naming the field; a bad one in a batch names its index", async () => {
    const error = await expectRefused(
      await opsIngest(matchId, { ...kickOff(), event_type: "THROW_IN" }),
      422,
      "validation_failed",
      "event_type",
    );
    expect(error.issues?.[0]?.path).toEqual(["event_type"]);
    const { source: _, ...noSource } = goalEvent();
    const batch = await expectRefused(
      await opsIngest(matchId, { events: [kickOff(), noSource] }),
      422,
      "validation_failed",
      "source",
    );
    expect(batch.issues?.[0]?.path.slice(0, 3)).toEqual(["events", 1, "source"]);
  });

  it("the signed route's limits: 501 events → 413 batch_too_large, a body over the limit → 413 payload_too_large", async () => {
    const events = Array.from({ length: 501 }, (_, i) => ({
      ...kickOff(),
      metadata: { idempotency_key: `k-${i}` },
    }));
    await expectRefused(await opsIngest(matchId, { events }), 413, "batch_too_large", "500");
    await expectRefused(
      await opsIngest(matchId, { ...kickOff(), padding: "x".repeat(1_048_576) }),
      413,
      "payload_too_large",
      "1048576",
    );
  });

  it("the room's refusals: an unknown player or goal → 422 naming it", async () => {
    await expectRefused(
      await opsIngest(matchId, goalEvent("FRA-nobody")),
      422,
      "unknown_player",
      "FRA-nobody",
    );
    const goalId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    const error = await errorOf(await opsIngest(matchId, varCancel(goalId)));
    expect(JSON.stringify(error)).toContain(goalId);
    expect((await matchOf(matchId)).last_sequence).toBe(0);
  });

  it("a bad match id → 400, a match without a fixture → 404", async () => {
    expect((await errorOf(await opsIngest("bad%20id", kickOff()))).code).toBe("invalid_match_id");
    const unknown = await opsIngest(freshMatchId("never-put"), kickOff());
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("match_not_found");
  });
});
