import { mkdtempSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recoverWal, signRequest } from "@buzz/client-sdk/source";
import { type EventInput, type IngestResult, idempotencyKeyMaterial } from "@buzz/schema/contract";
import { EventInputSchema } from "@buzz/schema/validate";
import { afterEach, describe, expect, it } from "vitest";
import { loadWorldCup } from "../data/load.js";
import { buildFixture } from "../fixture/index.js";
import { type ReplayProgress, replayMatch } from "./index.js";

const final = loadWorldCup()[63]!;
const KEY = { keyId: "k", secret: "s" };

/** A stand-in gateway: checks auth and signatures, deduplicates by the default key, records the order. */
/** The key the gateway dedupes on: the source's own, else the contract's default (its material, here). */
const keyOf = (matchId: string, e: EventInput) =>
  e.metadata?.idempotency_key ?? idempotencyKeyMaterial(matchId, e);

async function fakeGateway() {
  const fixtures: { id: string; body: unknown }[] = [];
  const log: string[] = []; // "<event_type>|<key material>" of each sequenced event
  const requests: string[] = [];
  const keys = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c));
    req.on("end", () => {
      const id = decodeURIComponent(req.url!.split("/")[3]!);
      requests.push(`${req.method} ${req.url}`);
      if (req.method === "PUT") {
        if (req.headers.authorization !== "Bearer admin") return void res.writeHead(401).end();
        fixtures.push({ id, body: JSON.parse(raw) });
        return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
      }
      const ts = Number(req.headers["x-buzz-timestamp"]);
      if (
        req.headers["x-buzz-signature"] !==
          signRequest({ ...KEY, method: req.method!, path: req.url!, body: raw, timestamp: ts })[
            "X-Buzz-Signature"
          ] ||
        fixtures.length === 0
      ) {
        return void res.writeHead(401).end();
      }
      const event = EventInputSchema.parse(JSON.parse(raw));
      const key = keyOf(id, event);
      let result: IngestResult;
      const known = keys.get(key);
      if (known) result = { event_id: key, sequence_number: known, status: "duplicate" };
      else {
        log.push(`${event.event_type}|${key}`);
        keys.set(key, log.length);
        result = { event_id: key, sequence_number: log.length, status: "sequenced" };
      }
      res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ results: [result] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fixtures,
    log,
    requests,
    stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((s) => s()));
  stops = [];
});

async function replay(cut?: { atMatchMinute: number; seconds: number }) {
  const gw = await fakeGateway();
  stops.push(gw.stop);
  const walDir = mkdtempSync(join(tmpdir(), "buzz-replay-test-"));
  const progress: ReplayProgress[] = [];
  const result = await replayMatch({
    baseUrl: gw.url,
    adminToken: "admin",
    ...KEY,
    match: final,
    speed: 4000,
    cut,
    walDir,
    onProgress: (p) => progress.push(p),
  });
  return { gw, walDir, progress, result };
}

describe("replayMatch", () => {
  it("puts the fixture first, then sends the timeline in order, the operator's resends answered as duplicates", async () => {
    const { gw, result, progress, walDir } = await replay();

    expect(gw.requests[0]).toBe(`PUT /v1/matches/${final.matchId}`);
    expect(gw.fixtures).toEqual([{ id: final.matchId, body: buildFixture(final) }]);
    const sent = result.results.map(
      (r) => `${r.item.event.event_type}|${keyOf(final.matchId, EventInputSchema.parse(r.item.event))}`,
    );
    expect(gw.log).toEqual(sent.filter((_, i) => result.results[i]!.item.kind !== "operator-resend"));
    for (const r of result.results)
      expect(r.result.status).toBe(r.item.kind === "operator-resend" ? "duplicate" : "sequenced");
    expect(result.results.every((r) => r.attempts === 1)).toBe(true);
    expect(result.score).toEqual({ home: 4, away: 2 });
    expect(progress.at(-1)).toMatchObject({
      score: { home: 4, away: 2 },
      penalties: null,
      acked: result.results.length,
      clock: { label: "FT" },
    });
    expect(recoverWal(join(walDir, readdirSync(walDir)[0]!)).unsettled).toEqual([]);
  });

  it("through a network cut keeps events in its WAL and delivers them all, in order, once it is back", async () => {
    const { gw, result, progress } = await replay({ atMatchMinute: 20, seconds: 0.6 });

    const during = progress.filter((p) => p.offline);
    expect(during.length).toBeGreaterThan(0);
    expect(Math.max(...during.map((p) => p.sent - p.acked))).toBeGreaterThan(1);
    const sent = result.results
      .filter((r) => r.item.kind !== "operator-resend")
      .map((r) => `${r.item.event.event_type}|${keyOf(final.matchId, EventInputSchema.parse(r.item.event))}`);
    expect(gw.log).toEqual(sent);
    // The head of the WAL was tried during the cut, so at least one event took more than one POST.
    expect(Math.max(...result.results.map((r) => r.attempts))).toBeGreaterThan(1);
    expect(
      result.results.map((r) => r.result.sequence_number).filter((n, i, all) => all.indexOf(n) === i),
    ).toEqual(sent.map((_, i) => i + 1));
  });
});
