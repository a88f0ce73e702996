import type { EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { getJson } from "./http.js";
import { openLive, openStream } from "./live.js";
import { createMatch } from "./match.js";

const lastWatching = (messages: any[]) => messages.filter((m) => m.type === "presence").at(-1)?.watching;
const sseData = (messages: EventSourceMessage[]) => messages.map((m) => JSON.parse(m.data));

describe("who is watching (v1.1)", () => {
  it("both sockets send the count at most once a second while it changes; GET /v1/matches/{id} has it", async () => {
    const id = await createMatch("presence");
    expect((await getJson(`/v1/matches/${encodeURIComponent(id)}`)).body.watching).toBe(0);

    const first = await openLive(id);
    await first.inbox.until((r) => lastWatching(r) === 1, "watching 1");

    const stream = await openStream(id);
    const second = await openLive(id);
    await first.inbox.until((r) => lastWatching(r) === 3, "watching 3 on the first socket");
    // The two joins came within the second after the last message: the room held the count until the second was up
    // (arrival times, so transport jitter on a shared machine is allowed for).
    const arrivals = first.inbox.received.flatMap((m, i) =>
      m.type === "presence" ? [first.inbox.arrivedAt[i]!] : [],
    );
    expect(arrivals.length).toBe(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(800);
    await second.inbox.until((r) => lastWatching(r) === 3, "watching 3 on the second socket");
    await stream.inbox.until((r) => lastWatching(sseData(r)) === 3, "watching 3 on the stream");
    // A presence frame has no id: Last-Event-ID stays the last event's sequence number.
    for (const m of stream.inbox.received)
      if (JSON.parse(m.data).type === "presence") expect(m.id).toBeUndefined();
    expect(sseData(stream.inbox.received).at(-1)).toEqual({ type: "presence", match_id: id, watching: 3 });
    expect((await getJson(`/v1/matches/${encodeURIComponent(id)}`)).body).toMatchObject({
      match_id: id,
      watching: 3,
    });

    await second.close();
    await first.inbox.until((r) => lastWatching(r) === 2, "watching 2 after a socket closed", 5000);
    expect((await getJson(`/v1/matches/${encodeURIComponent(id)}`)).body.watching).toBe(2);
    // (A stream that goes counts once the room's next write to it fails: at the latest the 15 s keep-alive.)
    stream.drop();

    // At most once a second, only when it changed: the first socket's counts never repeat back to back.
    const counts = first.inbox.received.filter((m) => m.type === "presence").map((m) => m.watching);
    expect(counts[0]).toBe(1);
    expect(counts.at(-1)).toBe(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).not.toBe(counts[i - 1]);
    expect(counts.length).toBeLessThanOrEqual(4);
    await first.close();
  });
});
