// The ops endpoints against the real stack: both Workers, the queues between them and the stack's Postgres.
import { randomBytes } from "node:crypto";
import { type EventTimings, type OpsHealth, STAGES } from "@buzz/schema/contract";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, postEvents, readLog } from "./http.js";
import { ADMIN_TOKEN } from "./keys.js";
import { openLive, openLiveList, openStream } from "./live.js";
import { createMatch, goal, HOME_PLAYERS, periodStarted } from "./match.js";
import { sleep } from "./wait.js";

const QUEUES = ["match-events", "match-events-enriched", "notifications", "webhook-deliveries"];

async function ops(
  method: string,
  path: string,
  token: string | null = ADMIN_TOKEN,
): Promise<{ status: number; body: any }> {
  const res = await fetch(baseUrl() + path, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function health(): Promise<OpsHealth> {
  const res = await ops("GET", "/v1/ops/health");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls `read` until `done` holds on what it returns; fails naming the last value. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (done(last)) return last;
    await sleep(200);
  } while (Date.now() < deadline);
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/** A UUID version 7 (RFC 9562): 48-bit ms timestamp, version, random, variant — what event ids must be. */
function uuidV7(): string {
  const hex = Date.now().toString(16).padStart(12, "0") + randomBytes(10).toString("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A match with a kick-off and a goal that happened just now (so the stadium hop is timed too). */
async function matchWithEvents(name: string) {
  const matchId = await createMatch(name);
  const now = Date.now();
  const events = [
    { ...periodStarted(), occurred_at: new Date(now - 400).toISOString() },
    { ...goal("HOME", HOME_PLAYERS[0]!.player_id, 12), occurred_at: new Date(now - 200).toISOString() },
  ];
  const res = await postEvents(matchId, { events });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return matchId;
}

let sql: pg.Client;
beforeAll(async () => {
  sql = new pg.Client({ connectionString: inject("databaseUrl") });
  await sql.connect();
});
afterAll(() => sql?.end());

describe("GET /v1/ops/health", () => {
  it("needs the admin token", async () => {
    expect((await ops("GET", "/v1/ops/health", null)).status).toBe(401);
    expect((await ops("GET", "/v1/ops/health", "wrong")).status).toBe(401);
  });

  it("answers the OpsHealth contract: every queue with its backlog and dead letters, outcomes, stage percentiles", async () => {
    const h = await health();
    expect(Date.parse(h.generated_at)).not.toBeNaN();
    expect(h.queues.map((q) => q.name)).toEqual(QUEUES);
    for (const q of h.queues) {
      // The queue's own count through its producer binding (Queue.metrics()), which local workerd implements.
      expect(Number.isInteger(q.backlog) && q.backlog! >= 0, `${q.name} backlog ${q.backlog}`).toBe(true);
      expect(Number.isInteger(q.dead_letters) && q.dead_letters >= 0).toBe(true);
    }
    const d = h.dispatch;
    for (const v of Object.values(d)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    expect(d.delivered + d.pruned + d.dead).toBeLessThanOrEqual(d.attempted);
    expect(Object.keys(h.latency).sort()).toEqual(STAGES.filter((s) => s !== "occurred").sort());
    for (const p of Object.values(h.latency)) {
      if (p.n === 0) expect(p).toEqual({ n: 0, p50_ms: null, p99_ms: null });
      else expect(p.p50_ms!).toBeLessThanOrEqual(p.p99_ms!);
    }
    expect(Array.isArray(h.sockets)).toBe(true);
    expect(Number.isInteger(h.list_sockets) && h.list_sockets >= 0).toBe(true);
  });

  it("counts the live list's clients", async () => {
    const lists = await Promise.all([openLiveList(), openLiveList()]);
    try {
      // Other suites may hold list sockets too: at least these two.
      await eventually(health, (x) => x.list_sockets >= 2, "two live list sockets");
    } finally {
      await Promise.all(lists.map((l) => l.close()));
    }
  });

  it("counts the WebSocket and SSE clients of a LIVE match", async () => {
    const matchId = await matchWithEvents("ops-sockets");
    const [ws1, ws2, sse] = await Promise.all([openLive(matchId), openLive(matchId), openStream(matchId)]);
    try {
      const h = await eventually(
        health,
        (x) => x.sockets.some((s) => s.match_id === matchId && s.websockets === 2 && s.sse === 1),
        "2 sockets and 1 stream",
      );
      expect(h.sockets.filter((s) => s.match_id === matchId)).toEqual([
        { match_id: matchId, websockets: 2, sse: 1 },
      ]);
      await ws2.close();
      await eventually(
        health,
        (x) => x.sockets.some((s) => s.match_id === matchId && s.websockets === 1),
        "one socket fewer",
      );
    } finally {
      await ws1.close();
      sse.drop();
    }
  });
});

describe("GET /v1/ops/matches/{id}/latency", () => {
  it("gives each event's instants in stage order, from the room's log and as far as the pipeline has got", async () => {
    const matchId = await matchWithEvents("ops-latency");
    expect((await ops("GET", `/v1/ops/matches/${matchId}/latency`, null)).status).toBe(401);

    const res = await ops("GET", `/v1/ops/matches/${matchId}/latency`);
    expect(res.status).toBe(200);
    const events: EventTimings[] = res.body.events;
    const log = await readLog(matchId);
    expect(events.map((e) => [e.event_id, e.sequence_number, e.event_type])).toEqual(
      log.map((e) => [e.event_id, e.sequence_number, e.event_type]),
    );
    for (const [i, e] of events.entries()) {
      expect(e.at).toMatchObject({
        occurred: log[i].occurred_at,
        received: log[i].received_at,
        sequenced: log[i].published_at,
      });
      // Stages the pipeline has reached (enriched, routed, dispatched) are there too, and never out of order.
      const reached = STAGES.filter((s) => e.at[s] !== undefined);
      expect(reached).toEqual(STAGES.slice(0, reached.length));
      const instants = reached.slice(1).map((s) => Date.parse(e.at[s]!));
      expect(instants).toEqual([...instants].sort((a, b) => a - b));
    }
  });

  it("is 404 for a match that does not exist, 400 for a malformed id", async () => {
    expect((await ops("GET", "/v1/ops/matches/e2e-no-such-match/latency")).body.error.code).toBe(
      "match_not_found",
    );
    expect((await ops("GET", "/v1/ops/matches/-bad-/latency")).status).toBe(400);
  });
});

describe("POST /v1/ops/matches/{id}/replay", () => {
  it("puts the whole log back through the pipeline: 202 with its size, the log itself unchanged", async () => {
    const matchId = await matchWithEvents("ops-replay");
    expect((await ops("POST", `/v1/ops/matches/${matchId}/replay`, null)).status).toBe(401);
    const before = await readLog(matchId);

    const res = await ops("POST", `/v1/ops/matches/${matchId}/replay`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ events: before.length });
    expect(await readLog(matchId)).toEqual(before);
    expect((await ops("POST", "/v1/ops/matches/e2e-no-such-match/replay")).status).toBe(404);
  });
});

describe("dead letters: inspect and redrive", () => {
  /**
   * No client can put a poison message on a queue: ingest validates everything and the rooms publish only what
   * they sequenced. So the test starts where an incident would: a letter already in the dead-letter table (as
   * the recorder writes it) whose body is an event a buggy producer corrupted. Everything after is the real
   * path: the redrive sends the body to match-events, its consumer refuses it and dead-letters it, the
   * dead-letter consumer records it, and ops lists it.
   */
  async function seedLetter() {
    const matchId = await matchWithEvents("ops-dead");
    const [, goalEvent] = await readLog(matchId);
    // A fresh event_id, so no stage can take it for a duplicate of the real goal: it is refused for its
    // sequence_number alone.
    const body = { ...goalEvent, event_id: uuidV7(), sequence_number: 0 };
    const { rows } = await sql.query(
      `insert into dead_letters (queue, source_queue, message_id, body, reason, event_id)
       values ('match-events-dlq', 'match-events', $1, $2, 'invalid_event', $3) returning id`,
      [`e2e-seed-${body.event_id}`, JSON.stringify(body), body.event_id],
    );
    return { id: rows[0].id as string, body, eventId: body.event_id };
  }

  it("lists dead letters newest first, filtered by queue and state", async () => {
    const seed = await seedLetter();
    expect((await ops("GET", "/v1/ops/dead-letters", null)).status).toBe(401);

    const res = await ops("GET", "/v1/ops/dead-letters?queue=match-events&state=dead&limit=200");
    expect(res.status).toBe(200);
    const mine = res.body.dead_letters.find((l: any) => l.id === seed.id);
    expect(mine).toMatchObject({
      queue: "match-events-dlq",
      source_queue: "match-events",
      event_id: seed.eventId,
      reason: "invalid_event",
      state: "dead",
      body: seed.body,
    });
    const seen = res.body.dead_letters.map((l: any) => Date.parse(l.first_seen_at));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const other = await ops("GET", "/v1/ops/dead-letters?queue=notifications-dlq");
    expect(other.body.dead_letters.some((l: any) => l.id === seed.id)).toBe(false);
    expect(
      (await health()).queues.find((q) => q.name === "match-events")!.dead_letters,
    ).toBeGreaterThanOrEqual(1);
    expect((await ops("GET", "/v1/ops/dead-letters?queue=kafka")).status).toBe(400);
  });

  it("redrives a letter to the queue it died on, once; still poison, it is dead-lettered and recorded again", async () => {
    const seed = await seedLetter();

    const res = await ops("POST", `/v1/ops/dead-letters/${seed.id}/redrive`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ id: seed.id, source_queue: "match-events", state: "redriven" });
    const again = await ops("POST", `/v1/ops/dead-letters/${seed.id}/redrive`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_redriven");

    const reborn = await eventually(
      async () =>
        (
          await ops("GET", "/v1/ops/dead-letters?queue=match-events-dlq&state=dead&limit=200")
        ).body.dead_letters.filter((l: any) => l.event_id === seed.eventId),
      (letters: any[]) => letters.length > 0,
      "the redriven message to be dead-lettered and recorded",
    );
    expect(reborn).toHaveLength(1);
    expect(reborn[0]).toMatchObject({
      source_queue: "match-events",
      reason: "invalid_event",
      state: "dead",
      body: seed.body,
    });
    expect(reborn[0].message_id).not.toBe(`e2e-seed-${seed.eventId}`); // a new message, sent by the redrive
    expect(reborn[0].issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ["sequence_number"] })]),
    );
    const { rows } = await sql.query("select state, redriven_at from dead_letters where id = $1", [seed.id]);
    expect(rows[0].state).toBe("redriven");
    expect(rows[0].redriven_at).not.toBeNull();
  });

  it("refuses to redrive what does not exist (404) or is not an id (400)", async () => {
    const missing = await ops("POST", `/v1/ops/dead-letters/${crypto.randomUUID()}/redrive`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("dead_letter_not_found");
    expect((await ops("POST", "/v1/ops/dead-letters/42/redrive")).status).toBe(400);
    expect((await ops("POST", `/v1/ops/dead-letters/${crypto.randomUUID()}/redrive`, null)).status).toBe(401);
  });
});
