import { describe, expect, it } from "vitest";
import { readLog } from "./http.js";
import { openMultiLive } from "./live.js";
import { createMatch, distinctShots, periodStarted } from "./match.js";
import { ingestPaced, range, untilLastSequence } from "./wait.js";

const eventsFor = (messages: any[], id: string) =>
  messages.filter((m) => m.type === "event" && m.match_id === id).map((m) => m.event);
const lastSeqFor = (messages: any[], id: string) => {
  const last = eventsFor(messages, id).at(-1)?.sequence_number;
  const snap = messages.find((m) => m.type === "snapshot" && m.match_id === id)?.sequence_number;
  return last ?? snap ?? 0;
};

describe("WebSocket /v1/live?matches=ID:AFTER,... (one socket, many matches)", () => {
  it("over 3 matches, through a drop and a per-match resume: every event exactly once, in order per match", async () => {
    const ids = await Promise.all(["mux-a", "mux-b", "mux-c"].map((n) => createMatch(n)));
    const n = 40;
    const events = [periodStarted(), ...distinctShots(n - 1)];

    // The first match from a snapshot (empty AFTER), the others from the start of their logs.
    const first = await openMultiLive(ids.map((id, i) => [id, i === 0 ? null : 0]));
    await first.inbox.until(
      (r) => r.some((m) => m.type === "snapshot" && m.match_id === ids[0]),
      "a's snapshot",
    );
    const ingesting = Promise.all(ids.map((id) => ingestPaced(id, events, 20)));
    await first.inbox.until(
      (r) => ids.every((id) => eventsFor(r, id).length >= 8),
      "8 events of each match before the drop",
    );
    first.drop();
    // What the client had when it dropped (a message still in the socket's buffer may be handed over after).
    const beforeDrop = [...first.inbox.received];
    const lastSeen = ids.map((id) => lastSeqFor(beforeDrop, id));

    // Away while every log keeps growing, then back with what each match last showed.
    for (const [i, id] of ids.entries()) await untilLastSequence(id, lastSeen[i]! + 5);
    const second = await openMultiLive(ids.map((id, i) => [id, lastSeen[i]!]));
    await ingesting;
    await second.inbox.until(
      (r) => ids.every((id) => lastSeqFor(r, id) >= n),
      `all ${n} events of each match`,
    );
    second.send({ type: "ping" });
    await second.inbox.until((r) => r.some((m) => m.type === "pong"), "pong");

    expect(second.inbox.received.filter((m) => m.type === "snapshot")).toEqual([]);
    for (const id of ids) {
      const seen = [...eventsFor(beforeDrop, id), ...eventsFor(second.inbox.received, id)];
      expect(
        seen.map((e) => e.sequence_number),
        id,
      ).toEqual(range(1, n));
      expect(seen.every((e) => e.match_id === id)).toBe(true);
      expect(seen.map((e) => e.event_id)).toEqual((await readLog(id)).map((e) => e.event_id));
    }
    // Presence names its match too.
    for (const m of second.inbox.received.filter((m) => m.type === "presence"))
      expect(ids).toContain(m.match_id);
    await second.close();
  });

  it("refuses a bad list before the upgrade", async () => {
    const refused = (q: [string, number | null][]) =>
      openMultiLive(q).then(
        () => "opened",
        (e: Error) => e.message,
      );
    expect(await refused([])).toContain("HTTP 400");
    const id = await createMatch("mux-dup");
    expect(
      await refused([
        [id, 0],
        [id, 1],
      ]),
    ).toContain("HTTP 422");
    expect(
      await refused(Array.from({ length: 51 }, (_, i) => [`${id}-${i}`, null] as [string, null])),
    ).toContain("HTTP 422");
    expect(
      await refused([
        [id, null],
        ["e2e-no-such-match", null],
      ]),
    ).toContain("HTTP 404");
  });
});
