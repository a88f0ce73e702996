// Runs with LIVE_SHARD_SOCKETS=2 (vitest.config.ts, project "sharded"): the directory keeps two list sockets, each
// list shard two.
import { env, runInDurableObject } from "cloudflare:test";
import type { MatchesLiveMessage } from "@buzz/schema/contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MatchDirectory } from "../directory/index.js";
import { directoryOf } from "../directory/index.js";
import { call, freshMatchId, goalEvent, ingest, kickOff, putFixture } from "../testing/http.js";
import { type ListShard, listShardOf } from "./index.js";

/** A client of `GET /v1/live/matches`: the list messages it got, and a wait for one that passes `check`. */
async function connect() {
  const res = await call("/v1/live/matches", { headers: { Upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: MatchesLiveMessage[] = [];
  let wake = () => {};
  ws.addEventListener("message", (m) => {
    messages.push(JSON.parse(m.data as string));
    wake();
  });
  ws.accept();
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((r) => (wake = r));
  };
  await until(() => messages.length > 0);
  return { ws, messages, until };
}
type Client = Awaited<ReturnType<typeof connect>>;

/** A client's view of one match: the sequences it was sent for it, its opening list's entry first. */
function seen(client: Client, matchId: string): (number | string)[] {
  return client.messages.flatMap((m): (number | string)[] => {
    if (m.type === "matches") {
      const s = m.matches.find((x) => x.match_id === matchId);
      return s ? [`list ${s.last_sequence}`] : [];
    }
    return m.type === "match" && m.match.match_id === matchId ? [m.match.last_sequence] : [];
  });
}

const shardSockets = (k: number) =>
  runInDurableObject(listShardOf(env, k), (_s: ListShard, state) => state.getWebSockets().length);
const directorySockets = () =>
  runInDurableObject(directoryOf(env), (_d: MatchDirectory, state) => state.getWebSockets().length);

let clients: Client[] = [];
afterEach(() => {
  for (const c of clients) c.ws.close();
  clients = [];
});

describe("sharded live list", () => {
  it("spreads list sockets over shards, and every client gets each changed summary once, in order", async () => {
    const matchId = freshMatchId("list");
    expect((await putFixture(matchId)).status).toBe(201);
    for (let i = 0; i < 7; i++) clients.push(await connect());
    expect(await directorySockets()).toBe(2);
    expect(await Promise.all([0, 1, 2].map(shardSockets))).toEqual([2, 2, 1]);
    // Ops health's list_sockets: the directory's and every shard's.
    expect(await directoryOf(env).listSockets()).toBe(7);

    expect((await ingest(matchId, kickOff())).status).toBe(202);
    expect((await ingest(matchId, goalEvent())).status).toBe(202);
    for (const c of clients) await c.until(() => seen(c, matchId).includes(2));
    // The list from the directory or a shard, then sequence 1 and 2 once each: no client missed or doubled one.
    for (const c of clients) expect(seen(c, matchId)).toEqual(["list 0", 1, 2]);
    // A joiner of a shard that has been serving since before those changes: its list has them.
    const late = await connect();
    clients.push(late);
    expect(await shardSockets(2)).toBe(2);
    expect(seen(late, matchId)).toEqual(["list 2"]);
  });

  it("a shard whose sockets all left drops its list, and reads the directory's again for its next joiner", async () => {
    // Shard 9, addressed directly: the directory never routed to it, so it feeds it nothing, as it stops feeding a
    // shard once its sockets are gone.
    const open = async () => {
      const res = await listShardOf(env, 9).fetch("https://buzz.test/v1/live/matches", {
        headers: { Upgrade: "websocket" },
      });
      const ws = res.webSocket!;
      const messages: MatchesLiveMessage[] = [];
      ws.addEventListener("message", (m) => messages.push(JSON.parse(m.data as string)));
      ws.accept();
      return { ws, messages };
    };
    const listOf = () =>
      runInDurableObject(
        listShardOf(env, 9),
        (shard: ListShard) => (shard as unknown as { list: unknown }).list,
      );
    const matchId = freshMatchId("list");
    expect((await putFixture(matchId)).status).toBe(201);
    const first = await open();
    expect(await listOf()).not.toBeNull();
    first.ws.close();
    await vi.waitFor(async () => expect(await listOf()).toBeNull());

    expect((await ingest(matchId, kickOff())).status).toBe(202);
    // The room tells the directory; once it knows, a joiner of shard 9 must get the kick-off in its list.
    await vi.waitFor(async () =>
      expect((await directoryOf(env).list()).find((m) => m.match_id === matchId)?.last_sequence).toBe(1),
    );
    const next = await open();
    await vi.waitFor(() => expect(next.messages.length).toBeGreaterThan(0));
    const opening = next.messages[0]!;
    expect(
      opening.type === "matches" && opening.matches.find((m) => m.match_id === matchId)?.last_sequence,
    ).toBe(1);
    next.ws.close();
  });

  it("a shard that forgot its list (evicted) gives its next joiner the directory's current one", async () => {
    const matchId = freshMatchId("list");
    expect((await putFixture(matchId)).status).toBe(201);
    for (let i = 0; i < 5; i++) clients.push(await connect());
    // The directory is full, so the next joiner goes to a shard; every shard loses its memory as an eviction would.
    expect(await directorySockets()).toBeGreaterThanOrEqual(2);
    const before = await Promise.all([0, 1, 2, 3].map(shardSockets));
    for (const k of [0, 1, 2, 3])
      await runInDurableObject(listShardOf(env, k), (shard: ListShard) => {
        (shard as unknown as { list: unknown }).list = null;
      });
    expect((await ingest(matchId, kickOff())).status).toBe(202);
    for (const c of clients) await c.until(() => seen(c, matchId).includes(1));

    const joiner = await connect();
    clients.push(joiner);
    const after = await Promise.all([0, 1, 2, 3].map(shardSockets));
    expect(after.reduce((a, b) => a + b) - before.reduce((a, b) => a + b)).toBe(1);
    expect(seen(joiner, matchId)).toEqual(["list 1"]);
  });
});
