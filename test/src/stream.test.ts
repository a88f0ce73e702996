import type { EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { postEvents, readLog } from "./http.js";
import { openStream } from "./live.js";
import { createMatch, distinctShots, periodStarted } from "./match.js";
import { ingestPaced, range, untilLastSequence } from "./wait.js";

/** Each frame's data is a live message (`{"type":"snapshot"|"event",…}`), the same as on the WebSocket. */
const data = (m: EventSourceMessage) => JSON.parse(m.data);
const eventsOf = (messages: EventSourceMessage[]) => messages.filter((m) => data(m).type === "event");
const lastId = (messages: EventSourceMessage[]) => Number(eventsOf(messages).at(-1)?.id ?? 0);

describe("SSE /v1/matches/{id}/stream", () => {
  it("ids are sequence numbers, and reconnecting with Last-Event-ID resumes without a gap or a repeat", async () => {
    const id = await createMatch("sse-resume");
    const opening = [periodStarted(), ...distinctShots(4)];
    for (const e of opening) expect((await postEvents(id, e)).status).toBe(202);
    const later = distinctShots(60).slice(4);
    const total = opening.length + later.length;

    const first = await openStream(id);
    const [snapshot] = await first.inbox.until((r) => r.length >= 1, "the snapshot");
    expect(data(snapshot!).type).toBe("snapshot");
    expect(snapshot!.id).toBe(String(opening.length));
    expect(data(snapshot!).sequence_number).toBe(opening.length);

    const ingesting = ingestPaced(id, later, 15);
    await first.inbox.until((r) => eventsOf(r).length >= 10, "10 live events");
    first.drop();
    const beforeDrop = eventsOf(first.inbox.received);
    const resumeFrom = lastId(first.inbox.received);

    await untilLastSequence(id, resumeFrom + 10);
    const second = await openStream(id, String(resumeFrom));
    await ingesting;
    await second.inbox.until((r) => lastId(r) >= total, `events up to ${total}`);

    expect(data(second.inbox.received[0]!).type).toBe("event");
    const seen = [...beforeDrop, ...eventsOf(second.inbox.received)];
    for (const m of seen) expect(m.id).toBe(String(data(m).event.sequence_number));
    expect(seen.map((m) => Number(m.id))).toEqual(range(opening.length + 1, total));
    const log = await readLog(id);
    expect(seen.map((m) => data(m).event.event_id)).toEqual(log.slice(opening.length).map((e) => e.event_id));
    second.drop();
  });
});
