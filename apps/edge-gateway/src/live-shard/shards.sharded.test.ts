// Runs with LIVE_SHARD_SOCKETS=2 (vitest.config.ts, project "sharded"): the room keeps two sockets, each shard two.
import { env, runInDurableObject } from "cloudflare:test";
import type { LiveServerMessage, MatchView } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import type { Fanout } from "../match-room/fanout.js";
import type { MatchRoom } from "../match-room/index.js";
import { freshRoom, listen, received, value } from "../match-room/room-testing.js";
import { ev } from "../testing/fixtures.js";
import { call, freshMatchId } from "../testing/http.js";
import type { LiveShard } from "./index.js";
import { shardName } from "./order.js";
import type { LiveShards } from "./registry.js";

type Client = ReturnType<typeof listen>;

const goal = (i: number) =>
  i % 2 ? ev.goal("HOME", "FRA-griezmann", i) : ev.goal("AWAY", "CRO-mandzukic", i);

const log = (messages: LiveServerMessage[]) =>
  messages.flatMap((m): (number | string)[] =>
    m.type === "event" ? [m.event.sequence_number] : m.type === "snapshot" ? [`s${m.sequence_number}`] : [],
  );

/** A client of the public endpoint: gateway, room, and the shard the room names. */
async function connect(matchId: string, query = ""): Promise<Client> {
  const res = await call(`/v1/matches/${matchId}/live${query}`, { headers: { Upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const client = listen(res.webSocket!);
  await client.until(1);
  return client;
}

async function match() {
  const { stub, name } = await freshRoom(freshMatchId("shard"));
  value(await stub.ingest([ev.start("FIRST_HALF")], received));
  return { stub, name };
}

const shardOf = (name: string, k: number) => env.LIVE_SHARD.getByName(shardName(name, k));
const shardSockets = (name: string, k: number) =>
  runInDurableObject(shardOf(name, k), (_s: LiveShard, state) => state.getWebSockets().length);
const reported = (stub: DurableObjectStub<MatchRoom>) =>
  runInDurableObject(stub, (room: MatchRoom) =>
    (room as unknown as { shards: { counts(): number[] } }).shards.counts(),
  );

describe("sharded fan-out", () => {
  it("spreads sockets over shards, and every client gets each event once, in log order", async () => {
    const { stub, name } = await match();
    const clients: Client[] = [];
    for (let i = 0; i < 8; i++) clients.push(await connect(name));
    expect(await runInDurableObject(stub, (_r: MatchRoom, s) => s.getWebSockets().length)).toBe(2);
    expect(await Promise.all([0, 1, 2].map((k) => shardSockets(name, k)))).toEqual([2, 2, 2]);
    expect(await reported(stub)).toEqual([2, 2, 2]);
    // Ops health counts them too.
    expect(await stub.connections()).toMatchObject({ websockets: 8 });

    value(await stub.ingest([goal(1)], received));
    value(await stub.ingest([goal(2), goal(3)], received));
    value(await stub.ingest([goal(4)], received));
    // A duplicate of an earlier event would have arrived before the last one: each shard's deliveries are in order.
    for (const c of clients) expect(log(await c.until(5))).toEqual(["s1", 2, 3, 4, 5]);
    for (const c of clients) c.ws.close();
  });

  it("counts a socket sent to a shard until the shard's report includes it, so a late report overfills no shard", async () => {
    const { stub } = await match();
    const picked = await runInDurableObject(stub, (room: MatchRoom) => {
      const shards = (room as unknown as { shards: LiveShards }).shards;
      const first = [shards.route(2), shards.route(2)];
      // Shard 0's report of its first socket arrives after the second was sent there: it is still full.
      shards.report(0, 1, 1);
      const third = shards.route(2);
      shards.report(0, 2, 1);
      shards.report(1, 1, 1);
      return [...first, third, shards.route(2), shards.watching()];
    });
    expect(picked).toEqual([0, 0, 1, 1, 4]);
  });

  it("resumes with ?after= exactly after what the client saw, from the shard or the room's log", async () => {
    const { stub, name } = await match();
    await connect(name);
    await connect(name);
    value(await stub.ingest([goal(1), goal(2), goal(3)], received));
    // A new shard has nothing in memory: the resume reads the room's log.
    expect(log(await (await connect(name, "?after=2")).until(2))).toEqual([3, 4]);
    value(await stub.ingest([goal(4), goal(5)], received));
    const late = await connect(name, "?after=4");
    expect(log(await late.until(2))).toEqual([5, 6]);
    expect(log(await (await connect(name)).until(1))).toEqual(["s6"]);
    // A client claiming more than the match has starts over from a snapshot, as on the room.
    expect(log(await (await connect(name, "?after=99")).until(1))).toEqual(["s6"]);
    value(await stub.ingest([goal(6)], received));
    expect(log(await late.until(3))).toEqual([5, 6, 7]);
  });

  it("counts every shard's sockets in presence and in GET /v1/matches/{id}", async () => {
    const { name } = await match();
    const clients: Client[] = [];
    for (let i = 0; i < 7; i++) clients.push(await connect(name));
    await Promise.all(clients.map((c) => c.untilPresence((n) => n === 7)));
    const view = (await (await call(`/v1/matches/${name}`)).json()) as MatchView;
    expect(view.watching).toBe(7);
    // The last three are on shards 1 and 2.
    for (const c of clients.slice(4)) c.ws.close();
    await Promise.all(clients.slice(0, 4).map((c) => c.untilPresence((n) => n === 4)));
  });

  it("serves /v1/live?matches= from the shard the room names, tagged with its match", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const res = await call(`/v1/live?matches=${name}:1`, { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const multi = listen(res.webSocket!);
    expect(await shardSockets(name, 0)).toBe(1);
    value(await stub.ingest([goal(1)], received));
    expect(await multi.until(1)).toMatchObject([
      { type: "event", match_id: name, event: { sequence_number: 2 } },
    ]);
  });

  it("reads a delivery a shard missed from the room's log before sending the next", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const onShard = await connect(name);
    // The room's delivery of event 2 is lost (as when the shard was being evicted).
    await runInDurableObject(stub, (room: MatchRoom) => {
      const shards = (room as unknown as { shards: LiveShards }).shards;
      shards.events = () => {};
    });
    value(await stub.ingest([goal(1)], received));
    await runInDurableObject(stub, (room: MatchRoom) => {
      delete (room as unknown as { shards: { events?: unknown } }).shards.events;
    });
    value(await stub.ingest([goal(2)], received));
    expect(log(await onShard.until(3))).toEqual(["s1", 2, 3]);
  });

  it("keeps feeding its shards after the room itself restarts", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const onShards = [await connect(name), await connect(name), await connect(name)];
    await expect(
      runInDurableObject(stub, (_r: MatchRoom, state) => state.abort("restart")),
    ).rejects.toThrow();
    // A stub that saw its object abort stays broken: the next request takes a new one.
    value(await env.MATCH_ROOM.getByName(name).ingest([goal(1)], received));
    for (const c of onShards) expect(log(await c.until(2))).toEqual(["s1", 2]);
  });

  it("keeps every client gap-free when a shard is evicted mid-match", async () => {
    const { stub, name } = await match();
    const clients: Client[] = [];
    for (let i = 0; i < 7; i++) clients.push(await connect(name));
    value(await stub.ingest([goal(1)], received));
    for (const c of clients) await c.until(2);

    // Shard 1 holds clients 4 and 5: evicting it closes their sockets.
    const evicted = clients.slice(4, 6);
    const closed = evicted.map((c) => new Promise((r) => c.ws.addEventListener("close", r)));
    await expect(
      runInDurableObject(shardOf(name, 1), (_s: LiveShard, state) => state.abort("evicted")),
    ).rejects.toThrow();
    await Promise.all(closed);

    value(await stub.ingest([goal(2), goal(3)], received));
    // They come back with the last sequence they saw, as the SDK does.
    const back = await Promise.all(evicted.map(() => connect(name, "?after=2")));
    value(await stub.ingest([goal(4)], received));

    for (const c of [...clients.slice(0, 4), clients[6]!])
      expect(log(await c.until(5))).toEqual(["s1", 2, 3, 4, 5]);
    for (const [i, c] of back.entries()) {
      expect(log([...evicted[i]!.messages, ...(await c.until(3))])).toEqual(["s1", 2, 3, 4, 5]);
    }
  });

  it("serves from a shard woken without its name (as by a socket's event after an eviction)", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const onShard = await connect(name);
    const closed = new Promise((r) => onShard.ws.addEventListener("close", r));
    await expect(
      runInDurableObject(shardOf(name, 0), (_s: LiveShard, state) => state.abort("evicted")),
    ).rejects.toThrow();
    await closed;
    const bare = env.LIVE_SHARD.get(env.LIVE_SHARD.idFromString(shardOf(name, 0).id.toString()));
    expect(await runInDurableObject(bare, (_s: LiveShard, state) => state.id.name)).toBeUndefined();

    value(await stub.ingest([goal(1)], received));
    // The client comes back with what it saw; the room sends it to the same shard, which reads the room's log.
    const back = await connect(name, "?after=1");
    expect(await shardSockets(name, 0)).toBe(1);
    value(await stub.ingest([goal(2)], received));
    expect(log(await back.until(2))).toEqual([2, 3]);
  });

  it("stops feeding a shard whose sockets all left, and brings it up to date when a socket comes back", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const onShard = [await connect(name), await connect(name)];
    for (const c of onShard) c.ws.close();
    while ((await reported(stub))[0] !== 0) await new Promise((r) => setTimeout(r, 20));
    // As if the sockets had been sent there long ago: no count of 0 can still be on its way.
    await runInDurableObject(stub, (room: MatchRoom) => {
      (room as unknown as { shards: { unseen: Map<number, unknown> } }).shards.unseen.clear();
    });
    // Which shards the room calls, once its broadcast and every shard delivery it started are done.
    const called: number[] = [];
    await runInDurableObject(stub, (room: MatchRoom) => {
      const shards = (room as unknown as { shards: { stub: (k: number) => unknown } }).shards;
      const real = shards.stub.bind(shards);
      shards.stub = (k) => {
        called.push(k);
        return real(k);
      };
    });
    const settled = () =>
      runInDurableObject(stub, async (room: MatchRoom) => {
        const r = room as unknown as { fanout: Fanout; shards: { tails: Map<number, Promise<unknown>> } };
        while (r.fanout.pendingCount() > 0) await new Promise((done) => setTimeout(done, 5));
        await Promise.all(r.shards.tails.values());
      });
    value(await stub.ingest([goal(1), goal(2)], received));
    value(await stub.ingest([goal(3)], received));
    await settled();
    expect(called).toEqual([]);

    // The next socket goes to the empty shard, which reads the room's present for it.
    const back = await connect(name);
    expect(await shardSockets(name, 0)).toBe(1);
    value(await stub.ingest([goal(4)], received));
    await settled();
    expect(called).toContain(0);
    expect(log(await back.until(2))).toEqual(["s4", 5]);
    const resumed = await connect(name, "?after=2");
    expect(log(await resumed.until(3))).toEqual([3, 4, 5]);
  });

  it("serves SSE streams from shards once the room is full: in order, resumable, counted", async () => {
    const { stub, name } = await match();
    for (let i = 0; i < 2; i++) await connect(name);
    const stream = async (headers: Record<string, string> = {}) => {
      const res = await call(`/v1/matches/${name}/stream`, { headers });
      expect(res.status).toBe(200);
      return sse(res);
    };
    const first = [await stream(), await stream()];
    expect(await reported(stub)).toEqual([2]);
    value(await stub.ingest([goal(1), goal(2)], received));
    for (const s of first) expect(await s.ids(3)).toEqual([1, 2, 3]);
    // A reconnect with Last-Event-ID goes to the next shard, which reads what it missed from the room's log.
    const resumed = await stream({ "Last-Event-ID": "2" });
    expect(await reported(stub)).toEqual([2, 1]);
    value(await stub.ingest([goal(3)], received));
    expect(await resumed.ids(2)).toEqual([3, 4]);
    for (const s of first) expect(await s.ids(4)).toEqual([1, 2, 3, 4]);
    let view: MatchView;
    do view = (await (await call(`/v1/matches/${name}`)).json()) as MatchView;
    while (view.watching !== 5);
    for (const s of [...first, resumed]) await s.cancel();
  });
});

/** An SSE response read as it comes: the ids of its frames so far. */
function sse(res: Response) {
  const reader = res.body!.getReader();
  let text = "";
  const ids = () => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  return {
    async ids(n: number) {
      while (ids().length < n) text += new TextDecoder().decode((await reader.read()).value);
      return ids();
    },
    cancel: () => reader.cancel(),
  };
}
