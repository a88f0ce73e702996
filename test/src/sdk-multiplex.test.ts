import { type BuzzClient, createClient, followMatches, type MultiMatchHandle } from "@buzz/client-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { baseUrl, getJson, readLog } from "./http.js";
import { createMatch, distinctShots, periodStarted } from "./match.js";
import { ingestPaced, range } from "./wait.js";

const until = (check: () => void, timeout = 30_000) => vi.waitFor(check, { timeout, interval: 20 });
let handles: (MultiMatchHandle | BuzzClient)[] = [];
afterEach(() => {
  for (const h of handles) h.close();
  handles = [];
});

/** The ws package, remembering every socket it opened. */
function trackedWebSocket() {
  const sockets: WebSocket[] = [];
  class TrackedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return { sockets, TrackedWebSocket };
}

describe("@buzz/client-sdk followMatches (one socket, many matches) against the real stack", () => {
  it("delivers every event of 3 matches once and in order per match while its socket is cut, on one socket", async () => {
    const ids = await Promise.all(["sdkmux-a", "sdkmux-b", "sdkmux-c"].map((n) => createMatch(n)));
    const { sockets, TrackedWebSocket } = trackedWebSocket();
    const handle = followMatches(
      {
        baseUrl: baseUrl(),
        WebSocket: TrackedWebSocket,
        lifecycle: null,
        reconnect: { minDelayMs: 50, maxDelayMs: 500 },
      },
      ids,
    );
    handles.push(handle);
    const seen = new Map<string, number[]>(ids.map((id) => [id, []]));
    handle.on("event", ({ match_id, event }) => seen.get(match_id)!.push(event.sequence_number));
    await until(() => expect(ids.every((id) => handle.state(id) !== null)).toBe(true));
    expect(handle.status).toBe("live");

    const n = 30;
    const events = [periodStarted(), ...distinctShots(n - 1)];
    const ingesting = Promise.all(ids.map((id) => ingestPaced(id, events, 20)));
    await until(() => expect(ids.every((id) => seen.get(id)!.length >= 8)).toBe(true));
    sockets.at(-1)!.terminate();
    await ingesting;
    await until(() => expect(ids.every((id) => handle.state(id)?.last_sequence === n)).toBe(true));

    expect(sockets.length).toBeGreaterThanOrEqual(2);
    // The resume named each match's own AFTER.
    expect(
      new URL(sockets[1]!.url).searchParams
        .get("matches")!
        .split(",")
        .every((p) => /:\d+$/.test(p)),
    ).toBe(true);
    for (const id of ids) {
      expect(seen.get(id), id).toEqual(range(1, n));
      expect((await readLog(id)).length).toBe(n);
      const { watching: _, ...server } = (await getJson(`/v1/matches/${id}`)).body;
      expect(handle.state(id)).toEqual(server);
    }
    await until(() => expect(ids.every((id) => handle.watching(id) === 1)).toBe(true));
  });

  it("client.match() handles of 3 matches share one socket; a match that does not exist fails alone", async () => {
    const ids = await Promise.all(["sdkmux-d", "sdkmux-e", "sdkmux-f"].map((n) => createMatch(n)));
    const { sockets, TrackedWebSocket } = trackedWebSocket();
    const client = createClient({
      baseUrl: baseUrl(),
      WebSocket: TrackedWebSocket,
      lifecycle: null,
      reconnect: { minDelayMs: 50, maxDelayMs: 500 },
    });
    handles.push(client);
    const missing = client.match("sdkmux-nope");
    const live = ids.map((id) => client.match(id));
    const seen = live.map((m) => {
      const seqs: number[] = [];
      m.on("event", (e) => seqs.push(e.sequence_number));
      return seqs;
    });
    await until(() => expect(missing.status).toBe("failed"));
    expect(missing.error).toMatchObject({ status: 404, code: "match_not_found" });
    await until(() => expect(live.map((m) => m.status)).toEqual(["live", "live", "live"]));

    const n = 12;
    await Promise.all(ids.map((id) => ingestPaced(id, [periodStarted(), ...distinctShots(n - 1)], 10)));
    await until(() => expect(live.map((m) => m.state?.last_sequence)).toEqual([n, n, n]));
    for (const [i, id] of ids.entries()) {
      expect(seen[i], id).toEqual(range(1, n));
      const { watching: _, ...server } = (await getJson(`/v1/matches/${id}`)).body;
      expect(live[i]!.state).toEqual(server);
    }
    const open = sockets.filter((s) => s.readyState === WebSocket.OPEN);
    expect(open.map((s) => new URL(s.url).pathname)).toEqual(["/v1/live"]);
    expect(
      new URL(open[0]!.url).searchParams
        .get("matches")!
        .split(",")
        .map((p) => p.split(":")[0]),
    ).toEqual(ids);
  });
});
