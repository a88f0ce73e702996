import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { LiveServerMessage, PublishedEvent } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { ev } from "../testing/fixtures.js";
import type { MatchRoom } from "./index.js";
import { freshRoom, openSocket, received, value } from "./room-testing.js";
import { RoomStore } from "./store.js";

describe("MatchRoom storage", () => {
  it("writes the log, the keys and the outbox before answering, and answers duplicates from storage", async () => {
    const { stub } = await freshRoom();
    const first = value(
      await stub.ingest([ev.start("FIRST_HALF"), ev.goal("HOME", "FRA-griezmann", 38)], received),
    );
    expect(first.results.map((r) => r.sequence_number)).toEqual([1, 2]);
    await runInDurableObject(stub, (_i: MatchRoom, state) => {
      const store = new RoomStore(state.storage.sql);
      expect([...store.eventsAfter(0)].map((e) => e.event_type)).toEqual(["PERIOD_STARTED", "GOAL_SCORED"]);
      expect(store.outbox(10).map((r) => r.seq)).toEqual([1, 2]);
    });
    const again = value(await stub.ingest([ev.goal("HOME", "FRA-griezmann", 38)], received));
    expect(again.results).toEqual([{ ...first.results[1], status: "duplicate" }]);
  });

  it("takes a batch whole or not at all", async () => {
    const { stub } = await freshRoom();
    const res = await stub.ingest(
      [ev.start("FIRST_HALF"), ev.goal("HOME", "FRA-griezmann", 10), ev.goal("HOME", "nobody", 12)],
      received,
    );
    expect(res).toMatchObject({ ok: false, error: { status: 422, code: "unknown_player" } });
    expect(value(await stub.events(0, 100)).events).toEqual([]);
    expect(value(await stub.state()).last_sequence).toBe(0);
  });

  it("answers 404 for a match without a fixture", async () => {
    const stub = env.MATCH_ROOM.get(env.MATCH_ROOM.idFromName("no-fixture"));
    expect(await stub.ingest([ev.start("FIRST_HALF")], received)).toMatchObject({
      ok: false,
      error: { status: 404, code: "match_not_found" },
    });
  });

  it("rebuilds the projection from the log when the snapshot is gone", async () => {
    const { stub } = await freshRoom();
    value(
      await stub.ingest(
        [
          ev.start("FIRST_HALF"),
          ev.sensor("AWAY", 28),
          ev.goal("AWAY", "CRO-perisic", 28, 5),
          ev.card("HOME", "FRA-pogba", 30),
        ],
        received,
      ),
    );
    const before = value(await stub.state());
    await runInDurableObject(stub, (_i: MatchRoom, state) => {
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'snapshot'");
    });
    expect(value(await stub.rebuildProjection())).toEqual(before);
  });
});

describe("outbox", () => {
  it("keeps events in the outbox while the queue fails and sends them once it recovers", async () => {
    const { stub } = await freshRoom();
    const sent: unknown[] = [];
    let queueUp = false;
    await runInDurableObject(stub, (instance: MatchRoom) => {
      const fake = {
        sendBatch: async (msgs: { body: unknown }[]) => {
          if (!queueUp) throw new Error("queue unavailable");
          sent.push(...msgs.map((m) => m.body));
        },
      };
      Object.assign(instance, { env: { ...env, MATCH_EVENTS: fake } });
    });
    value(await stub.ingest([ev.start("FIRST_HALF"), ev.goal("HOME", "FRA-mbappe", 65)], received));
    // The alarm set by ingest fires by itself; wait until it has failed once and rescheduled itself.
    const peek = () =>
      runInDurableObject(stub, async (_i: MatchRoom, state) => ({
        outbox: new RoomStore(state.storage.sql).outbox(10),
        alarm: await state.storage.getAlarm(),
      }));
    let pending = await peek();
    for (let i = 0; i < 100 && !(pending.alarm !== null && pending.outbox[0]?.attempts); i++) {
      await new Promise((r) => setTimeout(r, 20));
      pending = await peek();
    }
    expect(pending.outbox.map((r) => r.seq)).toEqual([1, 2]);
    expect(pending.outbox.every((r) => r.attempts >= 1)).toBe(true);
    expect(pending.alarm).not.toBeNull();
    expect(sent).toEqual([]);
    queueUp = true;
    await runDurableObjectAlarm(stub);
    expect((sent as PublishedEvent[]).map((e) => e.sequence_number)).toEqual([1, 2]);
    expect((await stub.connections()).outbox).toBe(0);

    // A pipeline replay sends the whole log again, in order.
    sent.length = 0;
    expect(value(await stub.requeueLog()).events).toBe(2);
    for (let i = 0; i < 100 && sent.length < 2; i++) {
      await runDurableObjectAlarm(stub);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((sent as PublishedEvent[]).map((e) => e.sequence_number)).toEqual([1, 2]);
  });
});

describe("live fan-out", () => {
  it("sends a snapshot, then every new event, and answers pings", async () => {
    const { stub, name } = await freshRoom();
    const sock = await openSocket(stub, name);
    await sock.until(1);
    expect(sock.messages[0]).toMatchObject({
      type: "snapshot",
      sequence_number: 0,
      state: { match_id: name, home: { name: "France" } },
    });
    value(await stub.ingest([ev.start("FIRST_HALF"), ev.goal("HOME", "FRA-griezmann", 38)], received));
    await sock.until(3);
    expect(sock.messages.slice(1).map((m) => m.type === "event" && m.event.sequence_number)).toEqual([1, 2]);
    sock.ws.send(JSON.stringify({ type: "ping" }));
    await sock.until(4);
    expect(sock.messages[3]).toEqual({ type: "pong" });
    sock.ws.close();
  });

  it("serves live clients after a restart that an alarm woke it from, without its name", async () => {
    const { stub, name } = await freshRoom();
    value(await stub.ingest([ev.start("FIRST_HALF")], received));
    await expect(
      runInDurableObject(stub, (_r: MatchRoom, state) => state.abort("restart")),
    ).rejects.toThrow();
    // A stub from the bare id, as the runtime has for an alarm: the room it wakes is not told its name.
    const bare = env.MATCH_ROOM.get(env.MATCH_ROOM.idFromString(stub.id.toString()));
    expect(await runInDurableObject(bare, (_r: MatchRoom, state) => state.id.name)).toBeUndefined();
    await runDurableObjectAlarm(bare);

    const named = env.MATCH_ROOM.getByName(name);
    const first = await openSocket(named, name, "?after=1");
    // Its count out, the room reads it again for every joiner.
    expect((await first.untilPresence((n) => n === 1)).at(-1)!.match_id).toBe(name);
    const second = await openSocket(named, name, "?after=1");
    await first.untilPresence((n) => n === 2);
    value(await named.ingest([ev.goal("HOME", "FRA-griezmann", 38)], received));
    for (const sock of [first, second]) {
      expect((await sock.until(1)).map((m) => m.type === "event" && m.event.sequence_number)).toEqual([2]);
      sock.ws.close();
    }
  });

  it("resumes a WebSocket after N with exactly the events it missed", async () => {
    const { stub, name } = await freshRoom();
    value(
      await stub.ingest(
        [
          ev.start("FIRST_HALF"),
          ev.card("HOME", "FRA-pogba", 5),
          ev.card("AWAY", "CRO-perisic", 9),
          ev.goal("HOME", "FRA-griezmann", 38),
        ],
        received,
      ),
    );
    const sock = await openSocket(stub, name, "?after=2");
    await sock.until(2);
    expect(sock.messages.map((m) => m.type === "event" && m.event.sequence_number)).toEqual([3, 4]);
    sock.ws.close();
  });

  it("streams SSE with the sequence number as id, resuming from Last-Event-ID", async () => {
    const { stub, name } = await freshRoom();
    value(
      await stub.ingest(
        [ev.start("FIRST_HALF"), ev.card("HOME", "FRA-pogba", 5), ev.card("AWAY", "CRO-perisic", 9)],
        received,
      ),
    );
    const res = await stub.fetch(`https://room/v1/matches/${name}/stream`, {
      headers: { "Last-Event-ID": "1", "X-Buzz-Match-Id": name },
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    while ((text.match(/^id: /gm) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value);
    value(await stub.ingest([ev.goal("AWAY", "CRO-mandzukic", 69)], received));
    while ((text.match(/^id: /gm) ?? []).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([2, 3, 4]);
    const frames = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as LiveServerMessage);
    // Presence frames come between them, without an id: line, so Last-Event-ID stays the last event's.
    const events = frames.filter((f) => f.type !== "presence");
    expect(events.map((f) => f.type === "event" && f.event.sequence_number)).toEqual([2, 3, 4]);
    expect(frames).toContainEqual({ type: "presence", match_id: name, watching: 1 });
  });
});
