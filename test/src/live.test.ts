import { describe, expect, it } from "vitest";
import { postEvents, readLog } from "./http.js";
import { openLive } from "./live.js";
import { createMatch, distinctShots, periodStarted } from "./match.js";
import { ingestPaced, range, untilLastSequence } from "./wait.js";

const eventsOf = (messages: any[]) => messages.filter((m) => m.type === "event").map((m) => m.event);
const lastSeq = (messages: any[]) => eventsOf(messages).at(-1)?.sequence_number ?? 0;

describe("WebSocket /v1/matches/{id}/live", () => {
  it("opens with a snapshot when `after` is absent, then streams live events, and answers ping with pong", async () => {
    const id = await createMatch("ws-snapshot");
    for (const e of [periodStarted(), ...distinctShots(2)])
      expect((await postEvents(id, e)).status).toBe(202);

    const socket = await openLive(id);
    const [first] = await socket.inbox.until((r) => r.length >= 1, "the first message");
    expect(first.type).toBe("snapshot");
    expect(first.sequence_number).toBe(3);
    expect(first.state.match_id).toBe(id);
    expect(first.state.last_sequence).toBe(3);

    socket.send({ type: "ping" });
    await socket.inbox.until((r) => r.some((m) => m.type === "pong"), "pong");

    const [next] = distinctShots(3).slice(2);
    expect((await postEvents(id, next)).status).toBe(202);
    const received = await socket.inbox.until((r) => lastSeq(r) >= 4, "event 4 live");
    expect(eventsOf(received).map((e) => e.sequence_number)).toEqual([4]);
    expect(received.filter((m) => m.type === "snapshot")).toHaveLength(1);
    await socket.close();
  });

  it("a client that drops mid-match and resumes with ?after= sees every event exactly once, in order", async () => {
    const id = await createMatch("ws-resume");
    const events = [periodStarted(), ...distinctShots(79)];

    const first = await openLive(id, 0);
    const ingesting = ingestPaced(id, events, 15);
    await first.inbox.until((r) => eventsOf(r).length >= 15, "15 events before the drop");
    first.drop();
    const beforeDrop = eventsOf(first.inbox.received);
    const lastSeen = lastSeq(first.inbox.received);

    // Away while the log keeps growing, then back with the last sequence number it saw.
    await untilLastSequence(id, lastSeen + 10);
    const second = await openLive(id, lastSeen);
    await ingesting;
    await second.inbox.until((r) => lastSeq(r) >= events.length, `all ${events.length} events`);
    // Messages on one socket are ordered: anything sent twice before the pong is already here.
    second.send({ type: "ping" });
    await second.inbox.until((r) => r.some((m) => m.type === "pong"), "pong");

    expect(second.inbox.received[0].type).toBe("event");
    const seen = [...beforeDrop, ...eventsOf(second.inbox.received)];
    expect(seen.map((e) => e.sequence_number)).toEqual(range(1, events.length));
    expect(new Set(seen.map((e) => e.event_id)).size).toBe(events.length);
    expect(seen.map((e) => e.event_id)).toEqual((await readLog(id)).map((e) => e.event_id));
    await second.close();
  });

  it("clients connecting while events are being sequenced each see every later event exactly once", async () => {
    const id = await createMatch("ws-join");
    const events = [periodStarted(), ...distinctShots(99)];
    let acked = 0;
    let done = false;
    const ingesting = (async () => {
      for (const e of events) {
        const res = await postEvents(id, e);
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        acked = res.body.results[0].sequence_number;
      }
      done = true;
    })();
    // Joins land at every stage of a batch: before, during and after its sequencing and broadcast.
    const joined: { after: number; socket: Awaited<ReturnType<typeof openLive>> }[] = [];
    while (!done && joined.length < 40) {
      const after = acked;
      joined.push({ after, socket: await openLive(id, after) });
    }
    await ingesting;
    for (const { after, socket } of joined) {
      await socket.inbox.until(
        (r) => lastSeq(r) >= events.length,
        `events up to ${events.length} after ${after}`,
      );
      socket.send({ type: "ping" });
      await socket.inbox.until((r) => r.some((m) => m.type === "pong"), "pong");
      expect(
        eventsOf(socket.inbox.received).map((e) => e.sequence_number),
        `joined after ${after}`,
      ).toEqual(range(after + 1, events.length));
      await socket.close();
    }
    expect(joined.length).toBeGreaterThan(5);
  });
});
