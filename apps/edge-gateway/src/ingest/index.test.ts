import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  errorOf,
  freshMatchId,
  goalEvent,
  ingest,
  ingestRaw,
  kickOff,
  putFixture,
  signedHeaders,
} from "../testing/http.js";

interface EventsPage {
  events: {
    sequence_number: number;
    event_type: string;
    received_at: string;
    data: Record<string, unknown>;
  }[];
  next_after: number;
}

async function eventsOf(matchId: string): Promise<EventsPage> {
  const res = await call(`/v1/matches/${matchId}/events`);
  expect(res.status).toBe(200);
  return (await res.json()) as EventsPage;
}

async function lastSequence(matchId: string): Promise<number> {
  const res = await call(`/v1/matches/${matchId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { last_sequence: number }).last_sequence;
}

describe("POST /v1/matches/{id}/events", () => {
  it("sequences one event and answers 202 with its result", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const before = new Date().toISOString();
    const res = await ingest(matchId, kickOff());
    expect(res.status).toBe(202);
    const { results } = (await res.json()) as {
      results: { event_id: string; sequence_number: number; status: string }[];
    };
    expect(results).toEqual([{ event_id: expect.any(String), sequence_number: 1, status: "sequenced" }]);
    const [event] = (await eventsOf(matchId)).events;
    expect(event!.received_at >= before).toBe(true);
  });

  it("answers a batch per event, in order, and a duplicate with the original", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const res = await ingest(matchId, { events: [kickOff(), goalEvent(), goalEvent()] });
    expect(res.status).toBe(202);
    const { results } = (await res.json()) as {
      results: { event_id: string; sequence_number: number; status: string }[];
    };
    expect(results.map((r) => [r.sequence_number, r.status])).toEqual([
      [1, "sequenced"],
      [2, "sequenced"],
      [2, "duplicate"],
    ]);
    expect(results[2]?.event_id).toBe(results[1]?.event_id);
  });
});

describe("bad input: a 4xx naming the problem, nothing sequenced", () => {
  const matchId = freshMatchId();
  beforeAll(async () => {
    expect((await putFixture(matchId)).status).toBe(201);
  });

  /** `code: null` when the room names the code (any non-empty code is accepted). */
  async function expectRefused(res: Response, status: number, code: string | null, names: string | RegExp) {
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    if (code !== null) expect(error.code).toBe(code);
    const text = JSON.stringify(error);
    if (typeof names === "string") expect(text).toContain(names);
    else expect(text).toMatch(names);
    expect((await eventsOf(matchId)).events).toEqual([]);
    expect(await lastSequence(matchId)).toBe(0);
    return error;
  }

  it("malformed JSON → 400 invalid_json", async () => {
    await expectRefused(
      await ingestRaw(matchId, '{"event_type": "GOAL_SCORED",'),
      400,
      "invalid_json",
      "not valid JSON",
    );
  });

  it("an empty body → 400 invalid_json", async () => {
    await expectRefused(await ingestRaw(matchId, ""), 400, "invalid_json", "empty");
  });

  it("unknown event type → 422 naming event_type", async () => {
    const error = await expectRefused(
      await ingest(matchId, { ...kickOff(), event_type: "THROW_IN" }),
      422,
      "validation_failed",
      "event_type",
    );
    expect(error.issues?.[0]?.path).toEqual(["event_type"]);
  });

  it("wrong field types → 422 naming each field", async () => {
    const goal = goalEvent();
    const bad = { ...goal, data: { ...goal.data, match_minute: "38", team: { side: 1 } } };
    const error = await expectRefused(await ingest(matchId, bad), 422, "validation_failed", "match_minute");
    expect(error.issues?.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["data.match_minute", "data.team.side"]),
    );
  });

  it("missing fields → 422 naming them", async () => {
    const { occurred_at: _, ...noTime } = goalEvent();
    const error = await expectRefused(await ingest(matchId, noTime), 422, "validation_failed", "occurred_at");
    expect(error.issues?.[0]?.path).toEqual(["occurred_at"]);
  });

  it("a NUL character in any string → 422 naming where (Postgres could never store it)", async () => {
    const event = { ...goalEvent(), source: { system: "OPTA", operator_id: "op\u0000" } };
    await expectRefused(
      await ingest(matchId, { events: [kickOff(), event] }),
      422,
      "validation_failed",
      '["events",1,"source","operator_id"]',
    );
  });

  it("one bad event in a batch refuses the batch and names its index", async () => {
    const { source: _, ...noSource } = goalEvent();
    const error = await expectRefused(
      await ingest(matchId, { events: [kickOff(), noSource] }),
      422,
      "validation_failed",
      "source",
    );
    expect(error.issues?.[0]?.path.slice(0, 3)).toEqual(["events", 1, "source"]);
  });

  it("oversize body (declared length) → 413 payload_too_large", async () => {
    const body = JSON.stringify({ ...kickOff(), padding: "x".repeat(1_048_576) });
    await expectRefused(await ingestRaw(matchId, body), 413, "payload_too_large", "1048576");
  });

  it("oversize body streamed without a length → 413 payload_too_large", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const headers = await signedHeaders(
      "irrelevant: refused before the signature is checked",
      `/v1/matches/${matchId}/events`,
    );
    const res = await call(`/v1/matches/${matchId}/events`, {
      method: "POST",
      headers,
      body,
      duplex: "half",
    } as RequestInit);
    await expectRefused(res, 413, "payload_too_large", "exceeds");
  });

  it("oversize batch → 413 batch_too_large", async () => {
    const events = Array.from({ length: 501 }, (_, i) => ({
      ...kickOff(),
      metadata: { idempotency_key: `k-${i}` },
    }));
    await expectRefused(await ingest(matchId, { events }), 413, "batch_too_large", "500");
  });

  it("an empty batch → 422", async () => {
    await expectRefused(await ingest(matchId, { events: [] }), 422, "validation_failed", "events");
  });

  it("a player not on the roster → 422 naming the player", async () => {
    await expectRefused(await ingest(matchId, goalEvent("FRA-nobody")), 422, null, "FRA-nobody");
  });

  it("a cancellation of an unknown goal → 422 naming the goal", async () => {
    const goalId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    const cancel = {
      event_type: "GOAL_CANCELLED",
      occurred_at: "2018-07-15T15:40:00Z",
      source: { system: "REFEREE" },
      data: { reason: "VAR" },
      metadata: { causation_id: goalId },
    };
    await expectRefused(await ingest(matchId, cancel), 422, null, goalId);
  });

  it("a batch whose last event is refused by the room sequences none of it", async () => {
    await expectRefused(
      await ingest(matchId, { events: [kickOff(), goalEvent("FRA-nobody")] }),
      422,
      null,
      "FRA-nobody",
    );
  });

  it("an invalid match id in the path → 400 invalid_match_id", async () => {
    const res = await ingest("bad%20id", kickOff());
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_match_id");
  });

  it("an unknown match → 404 match_not_found", async () => {
    const unknown = freshMatchId("never-put");
    const res = await ingest(unknown, kickOff());
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("match_not_found");
    expect((await call(`/v1/matches/${unknown}`)).status).toBe(404);
  });
});
