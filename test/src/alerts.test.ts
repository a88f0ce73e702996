// The alert rules of contract v1.1 against the real stack (its alert window shortened to ALERT_WINDOW_MS): each
// condition is caused for real, seen firing in GET /v1/ops/alerts, seen resolving once it stops, and each change
// is delivered to the webhook subscribed to "alert", signed per Standard Webhooks. The backlog rule's SQL is
// tested on known rows in apps/edge-gateway/src/alerts/measure.db.test.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getJson, postEvents } from "./http.js";
import { ADMIN_TOKEN } from "./keys.js";
import { AWAY_PLAYERS, createMatch, goal, HOME_PLAYERS, periodStarted } from "./match.js";
import { type MockPush, startMockPush } from "./mock-push/index.js";
import { call, type Fan, registerFan } from "./pipeline/fans.js";
import { sleep } from "./wait.js";

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(204).end();
  });
});
let push: MockPush;
let secret: string;
let webhookId: string | undefined;
const fans: Fan[] = [];

beforeAll(async () => {
  push = await startMockPush();
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  const res = await fetch(`${inject("baseUrl")}/v1/ops/webhooks`, {
    method: "POST",
    headers: { ...admin, "Content-Type": "application/json" },
    body: JSON.stringify({ url, event_types: ["alert"] }),
  });
  expect(res.status).toBe(201);
  ({ id: webhookId, secret } = (await res.json()) as { id: string; secret: string });
});

afterAll(async () => {
  // Left registered, the webhook would keep being sent every later alert at a closed port, retried each time.
  if (webhookId) await call("DELETE", `/v1/ops/webhooks/${webhookId}`, ADMIN_TOKEN);
  for (const fan of fans) await call("DELETE", "/v1/devices/me", fan.token);
  await push?.close();
  await new Promise((r) => receiver.close(r));
});

type Alert = { id: string; rule: string; state: string; value: number; threshold: number };
const alerts = async () => (await getJson("/v1/ops/alerts", admin)).body.alerts as Alert[];

/** Waits until `rule` is in `state`, and returns that alert. */
async function until(rule: string, state: "firing" | "resolved", timeoutMs = 90_000): Promise<Alert> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alert = (await alerts()).find((a) => a.rule === rule);
    if (alert?.state === state) return alert;
    if (Date.now() > deadline) throw new Error(`${rule} never ${state}: ${JSON.stringify(alert)}`);
    await sleep(250);
  }
}

/** The firing and then the resolution of one episode, as the webhook received them. */
async function delivered(alert: Alert) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const bodies = received
      .map((r) => ({
        r,
        payload: new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Alert },
      }))
      .filter(({ payload }) => payload.type === "alert" && payload.data.id === alert.id);
    if (bodies.length >= 2) return bodies.map(({ payload }) => payload.data.state);
    if (Date.now() > deadline) throw new Error(`webhook got ${bodies.length} changes of ${alert.rule}`);
    await sleep(250);
  }
}

describe("alerts", { timeout: 300_000 }, () => {
  it("publication slower than 2 s at p99 fires, then resolves once the window is clean", async () => {
    const matchId = await createMatch("alert-delay");
    const late = new Date(Date.now() - 10_000).toISOString(); // 10 s between the pitch and publication
    const shots = [0, 1, 2].map((i) => ({
      event_type: "SHOT",
      occurred_at: late,
      source: { system: "OPTA" },
      data: {
        team: { side: "HOME" },
        player: { player_id: HOME_PLAYERS[i]!.player_id },
        match_minute: 10 + i,
        match_period: "FIRST_HALF",
        outcome: "OFF_TARGET",
      },
    }));
    expect((await postEvents(matchId, { events: [periodStarted(), ...shots] })).status).toBe(202);
    const firing = await until("publish_delay_p99", "firing");
    expect(firing.value).toBeGreaterThan(2_000);
    expect(firing.threshold).toBe(2_000);
    const resolved = await until("publish_delay_p99", "resolved");
    expect(resolved.id).toBe(firing.id);
    expect(await delivered(firing)).toEqual(["firing", "resolved"]);
  });

  it("pushes refused by the push service fire the failure rate and the dead letters, then both resolve", async () => {
    const matchId = await createMatch("alert-push");
    for (let i = 0; i < 12; i++) {
      const fan = await registerFan(push, `refused-${i}`, "en", ["AWY"]);
      push.script(fan.subscription.endpoint, Array(20).fill(400));
      fans.push(fan);
    }
    expect((await postEvents(matchId, periodStarted())).status).toBe(202);
    expect((await postEvents(matchId, goal("AWAY", AWAY_PLAYERS[0]!.player_id, 12))).status).toBe(202);
    const rate = await until("push_failure_rate", "firing");
    expect(rate.value).toBeGreaterThan(0.05);
    const dead = await until("dead_letters_growing", "firing");
    expect(dead.value).toBeGreaterThan(0);
    await until("push_failure_rate", "resolved");
    await until("dead_letters_growing", "resolved");
    expect(await delivered(rate)).toEqual(["firing", "resolved"]);
    expect(await delivered(dead)).toEqual(["firing", "resolved"]);
  });

  it("events the archive has not received a window after publication fire, and resolve once the pipeline catches up", async () => {
    const matchId = await createMatch("alert-archive");
    const control = inject("controlUrl");
    expect((await fetch(`${control}/database/cut`, { method: "POST" })).status).toBe(204);
    let firing: Alert;
    try {
      expect((await postEvents(matchId, periodStarted())).status).toBe(202);
      firing = await until("unarchived_events", "firing");
      expect(firing.value).toBeGreaterThan(0);
    } finally {
      await fetch(`${control}/database/restore`, { method: "POST" });
    }
    await until("unarchived_events", "resolved", 180_000);
    expect(await delivered(firing)).toEqual(["firing", "resolved"]);
  });
});
