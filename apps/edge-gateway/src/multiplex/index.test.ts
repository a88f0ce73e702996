import { describe, expect, it } from "vitest";
import { call, errorOf, freshMatchId, ingest, kickOff, putFixture } from "../testing/http.js";
import { MAX_MATCHES, parseMatches } from "./parse.js";
import { tagged } from "./relay.js";

const ws = { headers: { Upgrade: "websocket" } };

describe("parseMatches", () => {
  it("reads ID:AFTER pairs, an empty AFTER asking for a snapshot", () => {
    expect(parseMatches("a:3,b:,c:0")).toEqual([
      { matchId: "a", after: 3 },
      { matchId: "b", after: null },
      { matchId: "c", after: 0 },
    ]);
  });

  it.each([
    ["", 400, "invalid_query"],
    ["a", 400, "invalid_query"],
    ["a:x", 400, "invalid_query"],
    ["a:-1", 400, "invalid_query"],
    ["-bad:1", 400, "invalid_match_id"],
    ["a:1,,b:2", 400, "invalid_query"],
    [":1", 400, "invalid_match_id"],
    ["a:1,a:2", 422, "duplicate_match"],
    [Array.from({ length: MAX_MATCHES + 1 }, (_, i) => `m${i}:`).join(","), 422, "too_many_matches"],
  ])("refuses %j with %i %s", (raw, status, code) => {
    expect(() => parseMatches(raw)).toThrow(expect.objectContaining({ status, code }));
  });
});

describe("tagged", () => {
  it("adds match_id to a room's message, and leaves presence (which has it) alone", () => {
    expect(JSON.parse(tagged("m1", '{"type":"event","event":{"sequence_number":1}}'))).toEqual({
      match_id: "m1",
      type: "event",
      event: { sequence_number: 1 },
    });
    const presence = '{"type":"presence","match_id":"m1","watching":2}';
    expect(tagged("m1", presence)).toBe(presence);
  });
});

describe("GET /v1/live", () => {
  it("answers 426 without an upgrade, and 400/422/404 for a bad list before upgrading", async () => {
    expect((await call("/v1/live?matches=a:")).status).toBe(426);
    expect((await call("/v1/live", ws)).status).toBe(400);
    expect((await call("/v1/live?matches=a:1,a:2", ws)).status).toBe(422);
    const known = freshMatchId();
    await putFixture(known);
    const res = await call(`/v1/live?matches=${known}:,${freshMatchId()}:0`, ws);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("match_not_found");
  });

  it("carries each match's snapshot or backlog, then its live events, each with match_id", async () => {
    const [a, b] = [freshMatchId(), freshMatchId()];
    for (const id of [a, b]) await putFixture(id);
    expect((await ingest(a, kickOff())).status).toBe(202);
    const res = await call(`/v1/live?matches=${a}:0,${b}:`, ws);
    expect(res.status).toBe(101);
    const socket = res.webSocket!;
    const got: { match_id: string; type: string; event?: { sequence_number: number; match_id: string } }[] =
      [];
    let wake = () => {};
    socket.addEventListener("message", (m) => {
      got.push(JSON.parse(m.data as string));
      wake();
    });
    socket.accept();
    const until = async (pred: () => boolean) => {
      while (!pred()) await new Promise<void>((r) => (wake = r));
    };
    await until(() => got.some((m) => m.type === "snapshot") && got.some((m) => m.type === "event"));
    expect(got.find((m) => m.type === "snapshot")!.match_id).toBe(b);
    expect(got.find((m) => m.type === "event")).toMatchObject({ match_id: a, event: { sequence_number: 1 } });
    expect((await ingest(b, kickOff())).status).toBe(202);
    await until(() => got.some((m) => m.type === "event" && m.match_id === b));
    expect(got.find((m) => m.type === "event" && m.match_id === b)!.event!.match_id).toBe(b);
    socket.send(JSON.stringify({ type: "ping" }));
    await until(() => got.some((m) => m.type === "pong"));
    socket.close();
  });
});
