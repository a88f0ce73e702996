import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventInputDraft, IngestResult } from "@buzz/schema/contract";
import { afterEach, describe, expect, it } from "vitest";
import {
  createSourceClient,
  IngestRejectedError,
  recoverWal,
  type SourceClient,
  SourceClientClosedError,
  signRequest,
  WalFullError,
  type WalRecord,
} from "./index.js";
import { json, type Received, startTestServer, type TestServer } from "./test-server.js";

const KEY = { keyId: "dev-source", secret: "dev-source-secret" };
const MATCH = "wc2018-64-fra-cro";

/** A valid source event whose own idempotency key lets the stand-in server deduplicate like the gateway. */
function event(key: string): EventInputDraft {
  return {
    event_type: "GOAL_LINE_SIGNAL",
    occurred_at: "2018-07-15T15:18:00.000Z",
    source: { system: "HAWKEYE" },
    data: { team: { side: "HOME" }, match_minute: 18, match_period: "FIRST_HALF" },
    metadata: { idempotency_key: key },
  };
}
const keyOf = (body: unknown) => (body as { metadata: { idempotency_key: string } }).metadata.idempotency_key;
const walRecords = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as WalRecord);

/** Sequences by idempotency key, as the MatchRoom does: a resend answers with the original. */
function sequencer() {
  const seen = new Map<string, number>();
  const order: string[] = [];
  return {
    order,
    results(body: unknown): IngestResult[] {
      const events = (body as { events?: unknown[] }).events ?? [body];
      return events.map((e) => {
        const key = keyOf(e);
        const known = seen.get(key);
        if (known) return { event_id: key, sequence_number: known, status: "duplicate" as const };
        order.push(key);
        seen.set(key, order.length);
        return { event_id: key, sequence_number: order.length, status: "sequenced" as const };
      });
    },
  };
}

let servers: TestServer[] = [];
let clients: SourceClient[] = [];
const walPath = () => join(mkdtempSync(join(tmpdir(), "buzz-wal-")), "source.wal.jsonl");
function client(
  opts: Partial<Parameters<typeof createSourceClient>[0]> & { baseUrl: string; walPath: string },
) {
  const c = createSourceClient({ ...KEY, retry: { baseMs: 10, maxMs: 100 }, ...opts });
  clients.push(c);
  return c;
}
async function server(
  handler: (r: Received, res: import("node:http").ServerResponse) => void,
  port?: number,
) {
  const s = await startTestServer(handler, port);
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.stop()));
  clients = [];
  servers = [];
});

describe("source client", () => {
  it("signs every request so the gateway can verify it, for one event and for a batch", async () => {
    const seq = sequencer();
    const s = await server((r, res) => json(res, 202, { results: seq.results(r.body) }));
    const c = client({ baseUrl: s.url, walPath: walPath() });

    await c.send(MATCH, event("a"));
    const batch = await c.send(MATCH, [event("b"), event("c")]);

    expect(batch.map((r) => r.sequence_number)).toEqual([2, 3]);
    expect(s.received.map((r) => r.url)).toEqual([
      `/v1/matches/${MATCH}/events`,
      `/v1/matches/${MATCH}/events`,
    ]);
    expect(s.received[1]!.body).toEqual({ events: [event("b"), event("c")] });
    for (const r of s.received) {
      const ts = r.headers["x-buzz-timestamp"] as string;
      expect(r.headers["x-buzz-key-id"]).toBe("dev-source");
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(300);
      // Contract v1.1, written from the contract rather than with the client's own signer.
      const mac = createHmac("sha256", KEY.secret).update(`${ts}.POST.${r.url}.${r.rawBody}`).digest("hex");
      expect(r.headers["x-buzz-signature"]).toBe(`v2=${mac}`);
      const sign = (over: Partial<Parameters<typeof signRequest>[0]>) =>
        signRequest({ ...KEY, method: "POST", path: r.url, body: r.rawBody, timestamp: Number(ts), ...over });
      expect(sign({})["X-Buzz-Signature"]).toBe(`v2=${mac}`);
      expect(sign({ secret: "other" })["X-Buzz-Signature"]).not.toBe(`v2=${mac}`);
      expect(sign({ path: "/v1/matches/another/events" })["X-Buzz-Signature"]).not.toBe(`v2=${mac}`);
    }
  });

  it("has the entry on disk in the WAL before the server sees the request, and records the ack after", async () => {
    const path = walPath();
    const atArrival: WalRecord[][] = [];
    const seq = sequencer();
    const s = await server((r, res) => {
      atArrival.push(walRecords(path));
      json(res, 202, { results: seq.results(r.body) });
    });
    const c = client({ baseUrl: s.url, walPath: path });

    await c.send(MATCH, event("first"));
    await c.send(MATCH, event("second"));

    expect(atArrival[0]).toEqual([expect.objectContaining({ t: "entry", id: 1, body: event("first") })]);
    expect(atArrival[1]!.map((r) => [r.t, r.id])).toEqual([
      ["entry", 1],
      ["ack", 1],
      ["entry", 2],
    ]);
    expect(walRecords(path).map((r) => [r.t, r.id])).toEqual([
      ["entry", 1],
      ["ack", 1],
      ["entry", 2],
      ["ack", 2],
    ]);
  });

  it("while the server is down keeps everything, then delivers it in order exactly once", async () => {
    const probe = await startTestServer(() => undefined);
    const port = probe.port;
    await probe.stop();
    let failures = 0;
    let serverDown!: () => void;
    const sawOutage = new Promise<void>((resolve) => (serverDown = resolve));
    const c = client({
      baseUrl: `http://127.0.0.1:${port}`,
      walPath: walPath(),
      onRetry: () => ++failures >= 3 && serverDown(),
    });
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const sends = keys.map((k) => c.send(MATCH, event(k)));
    await sawOutage;

    const seq = sequencer();
    let dropped = false;
    const s = await server((r, res) => {
      const results = seq.results(r.body);
      // The request got through but its answer is lost: the client must resend, the server sees a duplicate.
      if (keyOf(r.body) === "k5" && !dropped) return void ((dropped = true), res.socket?.destroy());
      json(res, 202, { results });
    }, port);

    const results = (await Promise.all(sends)).flat();
    expect(seq.order).toEqual(keys);
    expect(results.map((r) => r.sequence_number)).toEqual(keys.map((_, i) => i + 1));
    expect(s.received.map((r) => keyOf(r.body))).toEqual([...keys.slice(0, 6), "k5", ...keys.slice(6)]);
    expect(results[5]!.status).toBe("duplicate");
  });

  it("retries 5xx and honours Retry-After on 429", async () => {
    const seq = sequencer();
    const s = await server((r, res) => {
      const n = s.received.length;
      if (n === 1) return json(res, 503, { error: { code: "unavailable", message: "later" } });
      if (n === 2)
        return json(
          res,
          429,
          { error: { code: "rate_limited", message: "slow down" } },
          { "retry-after": "1" },
        );
      json(res, 202, { results: seq.results(r.body) });
    });
    // Backoff alone would retry within 5 ms; only Retry-After explains a wait of a second.
    const c = client({ baseUrl: s.url, walPath: walPath(), retry: { baseMs: 1, maxMs: 5 } });

    const [result] = await c.send(MATCH, event("x"));

    expect(result).toMatchObject({ sequence_number: 1, status: "sequenced" });
    expect(s.received).toHaveLength(3);
    expect(s.received[2]!.at - s.received[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it("does not retry other 4xx: the entry is rejected with the contract's error body and the next one goes out", async () => {
    const path = walPath();
    const error = {
      error: {
        code: "validation_failed",
        message: "invalid event",
        issues: [{ path: ["data"], message: "bad" }],
      },
    };
    const seq = sequencer();
    const s = await server((r, res) =>
      keyOf(r.body) === "bad" ? json(res, 422, error) : json(res, 202, { results: seq.results(r.body) }),
    );
    const c = client({ baseUrl: s.url, walPath: path });

    const rejected = c.send(MATCH, event("bad")).catch((e: unknown) => e);
    await c.send(MATCH, event("good"));

    const err = await rejected;
    expect(err).toBeInstanceOf(IngestRejectedError);
    expect(err).toMatchObject({ status: 422, body: error, entryId: 1 });
    expect(s.received.map((r) => keyOf(r.body))).toEqual(["bad", "good"]);
    expect(walRecords(path).filter((r) => r.t === "rejected")).toEqual([
      expect.objectContaining({ id: 1, status: 422, error }),
    ]);
    expect(recoverWal(path).unsettled).toEqual([]);
  });

  it("reopened on a WAL with unacknowledged entries, resends them in order and only them", async () => {
    const path = walPath();
    const seq = sequencer();
    const s = await server((r, res) => json(res, 202, { results: seq.results(r.body) }));
    let online = true;
    const flaky: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError("fetch failed"));
    let offlineSeen!: () => void;
    const triedOffline = new Promise<void>((resolve) => (offlineSeen = resolve));
    const first = client({ baseUrl: s.url, walPath: path, fetch: flaky, onRetry: () => offlineSeen() });
    await first.send(MATCH, event("e1"));
    online = false;
    const stuck = ["e2", "e3", "e4"].map((k) => first.send(MATCH, event(k)).catch((e: unknown) => e));
    await triedOffline;
    expect(first.pending).toBe(3);
    await first.close();
    for (const e of await Promise.all(stuck)) expect(e).toBeInstanceOf(SourceClientClosedError);

    const second = client({ baseUrl: s.url, walPath: path });
    expect(second.recovered).toBe(3);
    await second.drain();

    expect(s.received.map((r) => keyOf(r.body))).toEqual(["e1", "e2", "e3", "e4"]);
    expect(recoverWal(path)).toEqual({ unsettled: [], nextId: 5 });
    await second.send(MATCH, event("e5"));
    expect(walRecords(path).at(-1)).toMatchObject({ t: "ack", id: 5 });
  });
});

describe("source client WAL cap", () => {
  /** A client whose gateway is down until `up` is called; resolves once it has retried. */
  async function offline(limits: { maxEvents?: number; maxBytes?: number }) {
    const probe = await startTestServer(() => undefined);
    const port = probe.port;
    await probe.stop();
    const path = walPath();
    const c = client({ baseUrl: `http://127.0.0.1:${port}`, walPath: path, limits });
    const seq = sequencer();
    const up = () => server((r, res) => json(res, 202, { results: seq.results(r.body) }), port);
    return { c, path, seq, up };
  }

  it("refuses events loudly past maxEvents, logs nothing for them, reports depth and age, and takes them again once drained", async () => {
    const { c, path, seq, up } = await offline({ maxEvents: 3 });
    const held = ["a", "b", "c"].map((k) => c.send(MATCH, event(k)));
    const refused = await c.send(MATCH, event("d")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WalFullError);
    expect((refused as WalFullError).message).toMatch(/maxEvents 3/);
    expect((refused as WalFullError).depth).toMatchObject({ entries: 3, events: 3 });
    await expect.poll(() => walRecords(path).length).toBe(3);
    expect(walRecords(path).map((r) => r.t)).toEqual(["entry", "entry", "entry"]);
    const depth = c.depth();
    expect(depth.entries).toBe(3);
    expect(depth.bytes).toBe(readFileSync(path).length);
    expect(Date.parse(depth.oldestAt!)).toBeLessThanOrEqual(Date.now() - depth.ageMs);

    await up();
    await Promise.all(held);
    expect(c.depth()).toEqual({ entries: 0, events: 0, bytes: 0, oldestAt: null, ageMs: 0 });
    await c.send(MATCH, event("d"));
    expect(seq.order).toEqual(["a", "b", "c", "d"]);
  });

  it("counts a batch's events and bytes against the cap", async () => {
    const { c, up } = await offline({ maxBytes: 1_000 });
    const batch = Array.from({ length: 3 }, (_, i) => event(`b${i}`));
    expect(JSON.stringify({ events: batch }).length).toBeGreaterThan(500); // so two batches pass 1 000 bytes
    const first = c.send(MATCH, batch);
    const refused = await c.send(MATCH, batch).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WalFullError);
    expect((refused as WalFullError).message).toMatch(/maxBytes 1000/);
    expect(c.depth()).toMatchObject({ entries: 1, events: 3 });
    await up();
    expect((await first).map((r) => r.sequence_number)).toEqual([1, 2, 3]);
  });

  it("does not grow the file without bound while the gateway keeps up", async () => {
    const seq = sequencer();
    const s = await server((r, res) => json(res, 202, { results: seq.results(r.body) }));
    const path = walPath();
    const c = client({ baseUrl: s.url, walPath: path });
    let largest = 0;
    for (let round = 0; round < 20; round++) {
      await c.send(
        MATCH,
        Array.from({ length: 500 }, (_, i) => event(`r${round}-${i}`)),
      );
      await c.drain();
      largest = Math.max(largest, readFileSync(path).length);
    }
    expect(seq.order).toHaveLength(10_000);
    // Twenty rounds write over 3 MiB; the settled history is dropped once it passes 1 MiB.
    expect(largest).toBeLessThan(2 * 1024 * 1024);
    expect(recoverWal(path).unsettled).toEqual([]);
  });
});
