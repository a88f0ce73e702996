import { runInDurableObject } from "cloudflare:test";
import type { LiveServerMessage } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { ev } from "../testing/fixtures.js";
import type { Fanout } from "./fanout.js";
import type { MatchRoom } from "./index.js";
import { freshRoom, openSocket, received, value } from "./room-testing.js";

const fanoutOf = (room: MatchRoom) => (room as unknown as { fanout: Fanout }).fanout;
const seqs = (messages: LiveServerMessage[]) =>
  messages.flatMap((m): (number | string)[] =>
    m.type === "event" ? [m.event.sequence_number] : m.type === "snapshot" ? [`s${m.sequence_number}`] : [],
  );

/** Every message a socket is owed: once the room's queue is empty, a ping answered means the rest has arrived. */
async function settled(sock: Awaited<ReturnType<typeof openSocket>>, stub: DurableObjectStub<MatchRoom>) {
  while (await runInDurableObject(stub, (room: MatchRoom) => fanoutOf(room).pendingCount()))
    await new Promise((r) => setTimeout(r, 5));
  const pongs = () => sock.messages.filter((m) => m.type === "pong").length;
  const before = pongs();
  sock.ws.send(JSON.stringify({ type: "ping" }));
  while (pongs() === before) await sock.until(sock.messages.length + 1);
  return seqs(sock.messages);
}

describe("ack before fan-out", () => {
  it("answers the batch before broadcasting it, and broadcasts batches in log order", async () => {
    const { stub, name } = await freshRoom();
    const sock = await openSocket(stub, name);
    const order = await runInDurableObject(stub, async (room: MatchRoom) => {
      const fanout = fanoutOf(room) as unknown as {
        broadcast: (e: { sequence_number: number }[]) => unknown;
      };
      const real = fanout.broadcast.bind(fanout);
      const order: string[] = [];
      fanout.broadcast = (events) => {
        order.push(`broadcast ${events.map((e) => e.sequence_number).join(",")}`);
        return real(events as never);
      };
      const first = room.ingest([ev.start("FIRST_HALF")], received).then(() => order.push("ack 1"));
      const second = room
        .ingest([ev.card("HOME", "FRA-pogba", 5), ev.card("AWAY", "CRO-perisic", 9)], received)
        .then(() => order.push("ack 2,3"));
      await Promise.all([first, second]);
      while (fanoutOf(room).pendingCount() > 0) await new Promise((r) => setTimeout(r, 1));
      return order;
    });
    // Each ack leaves before any broadcast of its batch; the broadcasts keep the log's order.
    expect(order.indexOf("ack 1")).toBeLessThan(order.findIndex((o) => o.startsWith("broadcast")));
    expect(order.filter((o) => o.startsWith("broadcast")).join(" ")).toMatch(
      /^broadcast 1,?(2,3| broadcast 2,3)$/,
    );
    expect(await settled(sock, stub)).toEqual(["s0", 1, 2, 3]);
    sock.ws.close();
  });

  it("gives a client joining while a broadcast is pending every event exactly once", async () => {
    const { stub, name } = await freshRoom();
    const early = await openSocket(stub, name);
    await early.until(1);
    // Hold the broadcast, as if the room were still busy with a previous one.
    await runInDurableObject(stub, (room: MatchRoom) => {
      fanoutOf(room).drainSoon = () => {};
    });
    value(await stub.ingest([ev.start("FIRST_HALF"), ev.goal("HOME", "FRA-griezmann", 38)], received));
    expect(await runInDurableObject(stub, (room: MatchRoom) => fanoutOf(room).pendingCount())).toBe(2);
    const resumed = await openSocket(stub, name, "?after=1");
    const fresh = await openSocket(stub, name);
    const sse = await stub.fetch(`https://room/v1/matches/${name}/stream?after=0`);
    await runInDurableObject(stub, (room: MatchRoom) => {
      delete (fanoutOf(room) as { drainSoon?: unknown }).drainSoon;
    });
    value(await stub.ingest([ev.card("AWAY", "CRO-perisic", 40)], received));

    expect(await settled(early, stub)).toEqual(["s0", 1, 2, 3]);
    expect(await settled(resumed, stub)).toEqual([2, 3]);
    expect(await settled(fresh, stub)).toEqual(["s2", 3]);
    const reader = sse.body!.getReader();
    let text = "";
    while ((text.match(/^id: /gm) ?? []).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([1, 2, 3]);
    for (const s of [early, resumed, fresh]) s.ws.close();
  });
});
