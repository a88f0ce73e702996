import {
  type BuzzClient,
  BuzzFatalError,
  createClient,
  type KeyValueStorage,
  type MatchHandle,
  memoryStorage,
  type PublishedEvent,
} from "@buzz/client-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { baseUrl, getJson, postEvents, readLog } from "./http.js";
import {
  AWAY_PLAYERS,
  createMatch,
  distinctShots,
  goal,
  HOME_PLAYERS,
  periodStarted,
  uniqueMatchId,
} from "./match.js";
import { range } from "./wait.js";

const until = (check: () => void, timeout = 30_000) => vi.waitFor(check, { timeout, interval: 20 });

/** A first half of shots with a goal every fifteenth event, alternating sides, each a distinct fact. */
function firstHalf(shots: number) {
  const events: unknown[] = [periodStarted()];
  distinctShots(shots).forEach((shot, i) => {
    events.push(shot);
    const n = Math.floor(i / 15);
    if (i % 15 === 14)
      events.push(
        n % 2
          ? goal("AWAY", AWAY_PLAYERS[n % 6]!.player_id, 2 + n * 5)
          : goal("HOME", HOME_PLAYERS[n % 6]!.player_id, 2 + n * 5),
      );
  });
  return events;
}

/** A fan app on Node: the `ws` package, with every socket it opens kept so the test can cut them. */
let clients: BuzzClient[] = [];
function fanApp(storage: KeyValueStorage = memoryStorage()) {
  const sockets: WebSocket[] = [];
  class TrackedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  const client = createClient({
    baseUrl: baseUrl(),
    storage,
    WebSocket: TrackedWebSocket,
    lifecycle: null,
    reconnect: { minDelayMs: 50, maxDelayMs: 500 },
  });
  clients.push(client);
  return { client, sockets };
}

function delivered(handle: MatchHandle): PublishedEvent[] {
  const events: PublishedEvent[] = [];
  handle.on("event", (e) => events.push(e));
  return events;
}

async function post(matchId: string, event: unknown) {
  const res = await postEvents(matchId, event);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.results[0].status).toBe("sequenced");
}

/** The server's projection: `GET /v1/matches/{id}` without `watching` (v1.1), which is about sockets, not the match. */
async function projection(matchId: string) {
  const { watching: _, ...state } = (await getJson(`/v1/matches/${encodeURIComponent(matchId)}`)).body;
  return state;
}

afterEach(() => {
  clients.forEach((c) => {
    c.close();
  });
  clients = [];
});

describe("@buzz/client-sdk against the real stack", () => {
  it("delivers every event once and in order while its socket is cut mid-match, and ends on the server's state", async () => {
    const matchId = await createMatch("sdk-drops");
    const events = firstHalf(110);
    const { client, sockets } = fanApp();
    const handle = client.match(matchId);
    const seen = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));

    const cutAfter = new Set([10, 30, 50, 70, 90]);
    for (const [i, event] of events.entries()) {
      await post(matchId, event);
      if (!cutAfter.has(i)) continue;
      // The phone loses signal just as the event goes out; the next ones are sequenced while it is away.
      await until(() => expect(handle.status).toBe("live"));
      sockets.at(-1)!.terminate();
    }

    const log = await readLog(matchId);
    expect(log).toHaveLength(events.length);
    await until(() => expect(handle.state?.last_sequence).toBe(events.length));
    expect(sockets.length).toBeGreaterThanOrEqual(1 + cutAfter.size);
    expect(seen.map((e) => e.sequence_number)).toEqual(range(1, events.length));
    expect(seen.map((e) => e.event_id)).toEqual(log.map((e) => e.event_id));
    expect(handle.state).toEqual(await projection(matchId));
    expect(handle.state!.goals).toHaveLength(7);
  });

  it("resumes across an app restart from storage: nothing lost, nothing repeated", async () => {
    const matchId = await createMatch("sdk-restart");
    const events = firstHalf(60);
    const storage = memoryStorage();
    const before = fanApp(storage).client.match(matchId);
    const seenBefore = delivered(before);
    await until(() => expect(before.status).toBe("live"));
    for (const event of events.slice(0, 30)) await post(matchId, event);
    await until(() => expect(before.state?.last_sequence).toBe(30));
    before.close(); // the app is killed…
    for (const event of events.slice(30, 50)) await post(matchId, event);

    const after = fanApp(storage).client.match(matchId); // …and started again
    const seenAfter = delivered(after);
    await until(() => expect(after.state?.last_sequence).toBe(50));
    for (const event of events.slice(50)) await post(matchId, event);
    await until(() => expect(after.state?.last_sequence).toBe(events.length));

    const all = [...seenBefore, ...seenAfter];
    expect(all.map((e) => e.sequence_number)).toEqual(range(1, events.length));
    expect(all.map((e) => e.event_id)).toEqual((await readLog(matchId)).map((e) => e.event_id));
    expect(after.state).toEqual(await projection(matchId));
  });

  it("a match the gateway does not know: the socket's 404 ends in `failed` with match_not_found, no retry loop", async () => {
    const { client, sockets } = fanApp();
    const handle = client.match(uniqueMatchId("sdk-nowhere"));
    await until(() => expect(handle.status).toBe("failed"));
    expect(handle.error).toBeInstanceOf(BuzzFatalError);
    expect(handle.error).toMatchObject({ status: 404, code: "match_not_found" });
    const attempts = sockets.length;
    await new Promise((r) => setTimeout(r, 1_500)); // the backoff here is 50–500 ms
    expect(sockets.length).toBe(attempts);
  });
});
