import { describe, expect, it } from "vitest";
import type { Status } from "../index.js";
import { memoryStorage } from "../storage/index.js";
import { asyncStorage, delivered, range, until, useHarness } from "../testing/harness.js";

const h = useHarness();

const liveSockets = (id: string) => h.server.connections.filter((c) => c.path === `/v1/matches/${id}/live`);

describe("client.match", () => {
  it("starts from a snapshot, then folds each live event in order", async () => {
    const m = h.server.match("m1");
    m.append("shot", "goal-home");
    const handle = h.client().match("m1");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    expect(liveSockets("m1")[0]!.after).toBeNull();
    expect(handle.state).toEqual(m.state);
    m.append("goal-away", "shot");
    await until(() => expect(handle.state?.last_sequence).toBe(4));
    expect(seqs).toEqual([3, 4]);
    expect(handle.events.map((e) => e.sequence_number)).toEqual([3, 4]);
    expect(handle.state).toEqual(m.state);
    expect(handle.state).toMatchObject({ home: { score: 1 }, away: { score: 1 } });
  });

  it("reconnects after the server drops the socket and resumes with after = the last sequence seen", async () => {
    const m = h.server.match("m2");
    const handle = h.client().match("m2");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    m.append("shot", "goal-home");
    await until(() => expect(seqs).toEqual([1, 2]));
    h.server.dropAll();
    m.append("shot", "goal-away", "shot"); // sent to nobody: only a resume can deliver them
    await until(() => expect(handle.state?.last_sequence).toBe(5));
    expect(liveSockets("m2").map((c) => c.after)).toEqual([null, 2]);
    expect(seqs).toEqual(range(1, 5));
    expect(handle.state).toEqual(m.state);
  });

  it("survives repeated drops while events keep coming: every event once, in order", async () => {
    const m = h.server.match("m3");
    const handle = h.client().match("m3");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    for (let round = 0; round < 5; round++) {
      m.append("shot", "goal-home");
      h.server.dropAll();
      m.append("shot");
      await until(() => expect(handle.status).toBe("live"));
    }
    await until(() => expect(handle.state?.last_sequence).toBe(15));
    expect(seqs).toEqual(range(1, 15));
    expect(handle.state).toEqual(m.state);
  });

  it("drops repeated events, by sequence and by event_id", async () => {
    const m = h.server.match("m4");
    const handle = h.client().match("m4");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    const [first, second] = m.append("goal-home", "shot");
    m.send({ type: "event", event: first });
    m.send({ type: "event", event: second });
    // Same event_id under the next sequence number: still the same event.
    m.send({ type: "event", event: { ...second!, sequence_number: 3 } });
    m.append("goal-away");
    await until(() => expect(handle.state?.last_sequence).toBe(3));
    expect(seqs).toEqual([1, 2, 3]);
    expect(handle.events.map((e) => e.event_id)).toEqual(m.log.map((e) => e.event_id));
    expect(handle.state).toEqual(m.state);
  });

  it("never applies past a gap: it reconnects with after = the last applied and gets the missing events", async () => {
    const m = h.server.match("m5");
    const handle = h.client().match("m5");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    m.append("shot", "shot");
    await until(() => expect(seqs).toEqual([1, 2]));
    const [, , fifth] = m.sequence("goal-home", "shot", "goal-away");
    m.send({ type: "event", event: fifth }); // 5 after 2: 3 and 4 were lost on the way
    await until(() => expect(handle.state?.last_sequence).toBe(5));
    expect(liveSockets("m5").map((c) => c.after)).toEqual([null, 2]);
    expect(seqs).toEqual(range(1, 5));
    expect(handle.state).toEqual(m.state);
  });

  it("resumes across a new client instance from storage, repeating nothing (async storage)", async () => {
    const stored = memoryStorage();
    const storage = asyncStorage(stored);
    const m = h.server.match("m6");
    const first = h.client({ storage }).match("m6");
    await until(() => expect(first.status).toBe("live"));
    m.append("goal-home", "shot", "goal-away");
    await until(() => expect(first.state?.last_sequence).toBe(3));
    // Until the last state is written, not merely some earlier one: writes are asynchronous and one at a time.
    const lastStored = () =>
      JSON.parse(String(stored.getItem(`buzz:${h.server.baseUrl}:match:m6`))).last_sequence;
    await until(() => expect(lastStored()).toBe(3));
    first.close();
    m.sequence("shot", "goal-home"); // while the app is closed

    const again = h.client({ storage }).match("m6");
    const seqs = delivered(again);
    await until(() => expect(again.state?.last_sequence).toBe(5));
    expect(liveSockets("m6").map((c) => c.after)).toEqual([null, 3]);
    expect(seqs).toEqual([4, 5]);
    expect(again.state).toEqual(m.state);
  });

  it("shows the stored state before connecting, and goes live on the pong when nothing is new", async () => {
    const storage = memoryStorage();
    const m = h.server.match("m7");
    m.append("goal-home");
    const first = h.client({ storage }).match("m7");
    await until(() => expect(first.state?.last_sequence).toBe(1));
    first.close();

    const again = h.client({ storage }).match("m7");
    await until(() => expect(again.state?.home.score).toBe(1));
    await until(() => expect(again.status).toBe("live"));
    expect(liveSockets("m7").at(-1)!.after).toBe(1);
    expect(again.events).toEqual([]);
  });

  it("starts over from the snapshot when the server's log is behind what was stored", async () => {
    const storage = memoryStorage();
    const m = h.server.match("m8");
    m.append("shot", "shot", "goal-home");
    const first = h.client({ storage }).match("m8");
    await until(() => expect(first.state?.last_sequence).toBe(3));
    first.close();
    h.server.matches.delete("m8"); // a fresh deployment: the same match, a shorter log
    const fresh = h.server.match("m8");
    fresh.append("goal-away");

    const again = h.client({ storage }).match("m8");
    await until(() => expect(again.state?.last_sequence).toBe(1));
    expect(again.state).toEqual(fresh.state);
    fresh.append("shot");
    await until(() => expect(again.state?.last_sequence).toBe(2));
    expect(again.state).toEqual(fresh.state);
  });

  it("detects a silent (half-open) socket with heartbeats and resumes on a new one", async () => {
    const m = h.server.match("m9");
    const handle = h.client({ heartbeatMs: 20, heartbeatTimeoutMs: 100 }).match("m9");
    const seqs = delivered(handle);
    await until(() => expect(handle.status).toBe("live"));
    m.append("shot");
    await until(() => expect(seqs).toEqual([1]));
    h.server.freezeAll(); // open, but nothing comes through any more, not even pongs
    m.append("goal-home", "shot");
    await until(() => expect(seqs).toEqual([1, 2, 3]));
    expect(liveSockets("m9").map((c) => c.after)).toEqual([null, 1]);
    expect(handle.state).toEqual(m.state);
  });

  it("reports connecting → live → recovering → live → offline", async () => {
    const m = h.server.match("m10");
    const handle = h.client().match("m10");
    const statuses: Status[] = [handle.status];
    handle.on("status", (s) => statuses.push(s));
    await until(() => expect(handle.status).toBe("live"));
    h.server.dropAll();
    await until(() => expect(statuses).toContain("recovering"));
    m.append("shot");
    await until(() => expect(handle.state?.last_sequence).toBe(1));
    await until(() => expect(handle.status).toBe("live"));
    handle.close();
    expect(handle.status).toBe("offline");
    expect(statuses).toEqual(["connecting", "live", "recovering", "live", "offline"]);
  });

  it("reports errors the server sends", async () => {
    const m = h.server.match("m11");
    const handle = h.client().match("m11");
    const errors: string[] = [];
    handle.on("error", (e) => errors.push(e.message));
    await until(() => expect(handle.status).toBe("live"));
    m.send({ type: "error", error: { code: "unknown_message", message: "clients may send ping" } });
    await until(() => expect(errors).toEqual(["unknown_message: clients may send ping"]));
  });

  it("keeps only the latest maxEvents events", async () => {
    const m = h.server.match("m12");
    const handle = h.client({ maxEvents: 3 }).match("m12");
    await until(() => expect(handle.status).toBe("live"));
    m.append("shot", "shot", "goal-home", "shot", "goal-away");
    await until(() => expect(handle.state?.last_sequence).toBe(5));
    expect(handle.events.map((e) => e.sequence_number)).toEqual([3, 4, 5]);
  });

  it("exposes who is watching: a presence event and `watching` in the snapshot, the state untouched", async () => {
    const m = h.server.match("m-presence");
    const handle = h.client().match("m-presence");
    const counts: number[] = [];
    handle.on("presence", (n) => counts.push(n));
    await until(() => expect(handle.status).toBe("live"));
    expect(handle.getSnapshot().watching).toBeNull();
    const before = handle.state;
    m.send({ type: "presence", match_id: "m-presence", watching: 7 });
    m.send({ type: "presence", match_id: "m-presence", watching: 5 });
    await until(() => expect(counts).toEqual([7, 5]));
    expect(handle.getSnapshot().watching).toBe(5);
    expect(handle.state).toBe(before);
  });
});
