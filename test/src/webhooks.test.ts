// Outbound webhooks end to end: registered through the admin API, fed by the real pipeline (enrich → route →
// webhook-deliveries), received by a local HTTP server and verified with `standardwebhooks`, the reference
// library of the spec — not with the pipeline's signer. Needs WEBHOOK_ALLOW_LOOPBACK=true on the gateway.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, postEvents } from "./http.js";
import { ADMIN_TOKEN } from "./keys.js";
import { createMatch, goal, periodStarted, shot } from "./match.js";
import { sleep } from "./wait.js";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A receiver on loopback. `/flaky/...` answers 500 to the first request of each webhook-id and 200 after;
 * anything else answers 204. The stack is shared with other suites, so tests filter on their match id.
 */
function startReceiver(): Promise<{ server: Server; url: (path: string) => string; received: Received[] }> {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const id = `${req.url}|${headers["webhook-id"]}`;
      const status =
        req.url?.startsWith("/flaky") && !seen.has(id) ? 500 : req.url?.startsWith("/flaky") ? 200 : 204;
      seen.add(id);
      received.push({ path: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, received, url: (path) => `http://127.0.0.1:${port}${path}` });
    }),
  );
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(baseUrl() + path, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const listed = async () => (await api("GET", "/v1/ops/webhooks")).body.webhooks as any[];

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sql: pg.Client;
const registered: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  sql = new pg.Client({ connectionString: inject("databaseUrl") });
  await sql.connect();
});
afterAll(async () => {
  // Left registered, these would keep receiving the other suites' events at a closed port.
  for (const id of registered) await api("DELETE", `/v1/ops/webhooks/${id}`);
  await sql?.end();
  await new Promise((r) => receiver?.server.close(r));
});

async function register(path: string, eventTypes: string[]) {
  const res = await api("POST", "/v1/ops/webhooks", { url: receiver.url(path), event_types: eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  registered.push(res.body.id);
  return res.body as { id: string; url: string; event_types: string[]; secret: string };
}

describe("outbound webhooks", () => {
  it("refuses bad registrations with a 4xx and stores nothing", async () => {
    const before = (await listed()).length;
    const bad: [unknown, number][] = [
      [{ url: "http://bets.example/hook", event_types: ["*"] }, 422],
      [{ url: "https://user:pw@bets.example/hook", event_types: ["*"] }, 422],
      [{ url: "https://bets.example/hook", event_types: ["THROW_IN"] }, 422],
      [{ url: "https://bets.example/hook", event_types: [] }, 422],
      ['{"url": ', 400],
    ];
    for (const [body, status] of bad)
      expect((await api("POST", "/v1/ops/webhooks", body)).status, JSON.stringify(body)).toBe(status);
    expect((await fetch(`${baseUrl()}/v1/ops/webhooks`)).status).toBe(401);
    expect(await listed()).toHaveLength(before);
    expect((await api("DELETE", "/v1/ops/webhooks/0b9c1f4e-8a51-4c1e-9d7e-3f2a1b0c9d8e")).status).toBe(404);
  });

  it("delivers each subscribed event signed per Standard Webhooks; a 500 is retried and then delivered", async () => {
    const goals = await register("/flaky/goals", ["GOAL_SCORED"]);
    const everything = await register("/all", ["*"]);
    expect(goals).toMatchObject({ url: receiver.url("/flaky/goals"), event_types: ["GOAL_SCORED"] });
    expect(goals.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    expect(Buffer.from(goals.secret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);
    const mine = (await listed()).find((w) => w.id === goals.id);
    expect(mine).toEqual({
      id: goals.id,
      url: goals.url,
      event_types: ["GOAL_SCORED"],
      created_at: expect.any(String),
      deliveries: expect.any(Object),
    });

    const matchId = await createMatch("webhooks");
    const res = await postEvents(matchId, {
      events: [periodStarted(), goal("HOME", "HOM-p1", 12), shot("AWAY", "AWY-p2", 14)],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const [kickOffId, goalId, shotId] = res.body.results.map((r: { event_id: string }) => r.event_id);

    const ofMatch = (path: string) =>
      receiver.received.filter((r) => r.path === path && JSON.parse(r.body).data?.match_id === matchId);
    // The goal webhook: refused once with 500, then accepted.
    const goalAttempts = await until(
      "the goal's retry",
      () => (ofMatch("/flaky/goals").length >= 2 ? ofMatch("/flaky/goals") : undefined),
      90_000,
    );
    const allAttempts = await until("three events at the * webhook", () =>
      ofMatch("/all").length >= 3 ? ofMatch("/all") : undefined,
    );

    expect(goalAttempts.map((r) => r.status)).toEqual([500, 200]);
    for (const r of goalAttempts) {
      expect(r.headers["webhook-id"]).toBe(`msg_${goalId}`);
      expect(r.headers["content-type"]).toBe("application/json");
      const payload = new Webhook(goals.secret).verify(r.body, r.headers) as any;
      expect(payload).toMatchObject({
        type: "GOAL_SCORED",
        timestamp: "2018-07-15T15:12:00.000Z",
        derived: expect.any(Object),
      });
      expect(payload.data).toMatchObject({
        event_id: goalId,
        match_id: matchId,
        sequence_number: 2,
        data: { scorer: { player_id: "HOM-p1", name: "HOM Player 1" } },
      });
      expect(() => new Webhook(everything.secret).verify(r.body, r.headers)).toThrow();
    }
    // The retry is a new attempt of the same message: same id and body, its own timestamp and signature.
    expect(goalAttempts[1]!.body).toBe(goalAttempts[0]!.body);
    expect(Number(goalAttempts[1]!.headers["webhook-timestamp"])).toBeGreaterThan(
      Number(goalAttempts[0]!.headers["webhook-timestamp"]),
    );

    expect(allAttempts.map((r) => r.headers["webhook-id"]).sort()).toEqual(
      [kickOffId, goalId, shotId].map((id) => `msg_${id}`).sort(),
    );
    expect(
      allAttempts.map((r) => (new Webhook(everything.secret).verify(r.body, r.headers) as any).type).sort(),
    ).toEqual(["GOAL_SCORED", "PERIOD_STARTED", "SHOT"]);

    const row = await until("the delivery recorded", async () => {
      const { rows } = await sql.query(
        "select status, attempts, last_status from webhook_deliveries where webhook_id = $1 and event_id = $2",
        [goals.id, goalId],
      );
      return rows[0]?.status === "delivered" ? rows[0] : undefined;
    });
    expect(row).toEqual({ status: "delivered", attempts: 2, last_status: 200 });
    const counts = await until("the listing's counts", async () => {
      const w = (await listed()).find((x) => x.id === everything.id);
      return w?.deliveries.delivered >= 3 ? w.deliveries : undefined;
    });
    expect(counts).toMatchObject({ dead: 0 });
    // Nothing else reached the goals-only webhook for this match.
    expect(ofMatch("/flaky/goals")).toHaveLength(2);
  });

  it("a rotated secret signs the next deliveries; a deleted webhook gets nothing more", async () => {
    const goals = await register("/flaky/rotated", ["GOAL_SCORED"]);
    const everything = await register("/deleted", ["*"]);
    const rotated = await api("POST", `/v1/ops/webhooks/${goals.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ id: goals.id, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.secret).not.toBe(goals.secret);
    expect((await api("DELETE", `/v1/ops/webhooks/${everything.id}`)).status).toBe(204);
    expect((await api("DELETE", `/v1/ops/webhooks/${everything.id}`)).status).toBe(404);
    expect((await listed()).map((w) => w.id)).not.toContain(everything.id);

    const matchId = await createMatch("webhooks-rotated");
    const res = await postEvents(matchId, { events: [periodStarted(), goal("AWAY", "AWY-p3", 30)] });
    expect(res.status).toBe(202);
    const ofMatch = (path: string) =>
      receiver.received.filter((r) => r.path === path && JSON.parse(r.body).data?.match_id === matchId);
    const delivered = await until(
      "the goal delivered",
      () => ofMatch("/flaky/rotated").find((r) => r.status === 200),
      90_000,
    );
    expect(() => new Webhook(rotated.body.secret).verify(delivered.body, delivered.headers)).not.toThrow();
    expect(() => new Webhook(goals.secret).verify(delivered.body, delivered.headers)).toThrow();
    // The deleted webhook was gone before the fan-out: it was never sent this match.
    expect(ofMatch("/deleted")).toEqual([]);
  });
});
