import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../index.js";
import type { DeadLetter } from "./dead-letter.js";

const goal = {
  event_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f",
  event_type: "GOAL_SCORED",
  event_version: 2,
  match_id: "wc2018-final",
  competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
  occurred_at: "2018-07-15T15:38:12.450Z",
  received_at: "2018-07-15T15:38:12.530Z",
  published_at: "2018-07-15T15:38:12.534Z",
  sequence_number: 9,
  source: { system: "OPTA", operator_id: "op-42", confidence: null, stadium_gateway_id: null },
  data: {
    team: { side: "HOME", team_id: "FRA", name: "France" }, match_minute: 38, stoppage_minute: 0, match_period: "FIRST_HALF",
    scorer: { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7, position: "FW" },
    assist: null, goal_type: "PENALTY", body_part: "LEFT_FOOT", coordinates: { x: 88.5, y: 40 },
    provisional: false, score_after: { home: 2, away: 1 },
  },
  metadata: { idempotency_key: "sha256:ab12", correlation_id: "corr-9", causation_id: null, ttl_seconds: 300 },
};
// The same goal as an archived version 1 envelope (clock fields under their old names).
const { match_minute, stoppage_minute, match_period, ...goalData } = goal.data;
const goalV1 = { ...goal, event_version: 1, sequence_number: 10, data: { ...goalData, minute: match_minute, added_time: stoppage_minute, period: match_period } };

const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date("2018-07-15T15:38:12.600Z"), attempts, body });

async function consume(messages: ReturnType<typeof message>[]) {
  const batch = createMessageBatch("match-events", messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const logLines = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);

afterEach(() => vi.restoreAllMocks());

describe("match-events consumer", () => {
  it("logs a valid event (any known version) as one structured line and acks it", async () => {
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    const send = vi.spyOn(env.MATCH_EVENTS_DLQ, "send");

    const result = await consume([message("m-1", goal), message("m-2", goalV1)]);

    expect(result.explicitAcks.sort()).toEqual(["m-1", "m-2"]);
    expect(result.retryMessages).toEqual([]);
    expect(send).not.toHaveBeenCalled();
    expect(logLines(info)).toEqual([
      expect.objectContaining({ level: "info", msg: "match_event", message_id: "m-1", event_id: goal.event_id, match_id: "wc2018-final", sequence_number: 9, event_type: "GOAL_SCORED" }),
      expect.objectContaining({ message_id: "m-2", sequence_number: 10 }),
    ]);
  });

  it("sends a poison message to match-events-dlq with its issues, then acks it", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    const send = vi.spyOn(env.MATCH_EVENTS_DLQ, "send");
    const notV7 = { ...goal, event_id: "3b241101-e2bb-4255-8caf-4136c566a962" };

    const result = await consume([message("ok", goal), message("poison", notV7, 2), message("garbage", "not an event")]);

    expect(result.explicitAcks.sort()).toEqual(["garbage", "ok", "poison"]);
    expect(result.retryMessages).toEqual([]);
    const letters = send.mock.calls.map((c) => c[0] as DeadLetter).sort((a, b) => a.message_id.localeCompare(b.message_id));
    expect(letters).toHaveLength(2);
    expect(letters[0]).toMatchObject({ reason: "invalid_event", queue: "match-events", message_id: "garbage", body: "not an event" });
    expect(letters[1]).toMatchObject({ message_id: "poison", attempts: 2, body: notV7, issues: [{ path: ["event_id"] }] });
    expect(logLines(warn).map((l) => l.message_id).sort()).toEqual(["garbage", "poison"]);
  });

  it("retries a poison message, rather than dropping it, when the dead-letter queue cannot take it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(env.MATCH_EVENTS_DLQ, "send").mockRejectedValueOnce(new Error("queue unavailable"));

    const result = await consume([message("poison", { ...goal, sequence_number: 0 })]);

    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: "poison" }]);
  });
});
