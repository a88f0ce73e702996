// The webhook-deliveries consumer against an in-memory store and a fake receiver. Signatures are checked with
// the `standardwebhooks` package (the spec's reference library), not with this code's own signer.

import type { WebhookDeliveryMessage, WebhookEventDelivery } from "@buzz/queue";
import { Webhook as Verifier } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { card, goal } from "../testing/fakes.js";
import { type DeliverOptions, deliverBatch } from "./deliver.js";
import {
  type AttemptRecord,
  type DeliveryKey,
  type DeliveryStatus,
  type DeliveryStore,
  keyOf,
  type Targets,
  type Webhook,
} from "./store.js";

const SECRET = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
const HOOK: Webhook = {
  id: "0b9c1f4e-8a51-4c1e-9d7e-3f2a1b0c9d8e",
  url: "https://bets.example/hooks/buzz",
  secret: SECRET,
};
const OTHER: Webhook = {
  id: "7f3e2d1c-0b9a-4877-8665-544332211000",
  url: "https://tv.example/graphics",
  secret: SECRET,
};

let eventCounter = 0;
const event = (type: "GOAL_SCORED" | "CARD_SHOWN" = "GOAL_SCORED") =>
  type === "GOAL_SCORED" ? goal(++eventCounter, { home: 1, away: 0 }) : card(++eventCounter);

const deliveryOf = (webhook: Webhook, e = event()): WebhookEventDelivery => ({
  webhook_id: webhook.id,
  event: e,
  derived: { expected_goals: 0.76, shot_distance_m: 11 },
});

let messageCounter = 0;
const message = (body: unknown, attempts = 1) => ({
  id: `m-${messageCounter++}`,
  timestamp: new Date(),
  attempts,
  body,
});

/** A store in memory: the webhooks that exist and the delivery rows, with what the consumer wrote. */
class MemoryStore implements DeliveryStore {
  webhooks = new Map<string, Webhook>([
    [HOOK.id, HOOK],
    [OTHER.id, OTHER],
  ]);
  statuses = new Map<string, DeliveryStatus>();
  recorded: AttemptRecord[] = [];
  removed: string[] = [];
  failTargets = false;
  failRecord = false;

  async targets(keys: DeliveryKey[]): Promise<Targets> {
    if (this.failTargets) throw new Error("connection refused");
    const webhooks = new Map([...this.webhooks].filter(([id]) => keys.some((k) => k.webhookId === id)));
    return {
      webhooks,
      statuses: new Map([...this.statuses].filter(([k]) => keys.some((key) => keyOf(key) === k))),
    };
  }
  async record(attempts: AttemptRecord[]) {
    if (this.failRecord) throw new Error("connection reset");
    this.recorded.push(...attempts);
  }
  async remove(ids: string[]) {
    this.removed.push(...ids);
    for (const id of ids) this.webhooks.delete(id);
  }
}

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A receiver that answers each request with the next scripted response (or throws, for a network error). */
function receiver(...script: (Response | Error | "hang")[]) {
  const received: Received[] = [];
  const fetch: DeliverOptions["fetch"] = async (input, init) => {
    const request = new Request(input, init);
    received.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    const next = script.length > 1 ? script.shift()! : (script[0] ?? new Response(null, { status: 204 }));
    if (next === "hang") {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      );
    }
    if (next instanceof Error) throw next;
    return next.clone();
  };
  return { received, fetch };
}

interface QueueResult {
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

/**
 * A batch whose messages record how they were settled (the pool's getQueueResult does not report retry
 * delays). Settling a message twice fails the test.
 */
function batchOf(messages: ReturnType<typeof message>[]) {
  const result: QueueResult = { explicitAcks: [], retryMessages: [] };
  const settled = new Set<string>();
  const settle = (id: string) => {
    if (settled.has(id)) throw new Error(`message ${id} settled twice`);
    settled.add(id);
  };
  const batch = {
    queue: "webhook-deliveries",
    messages: messages.map((m) => ({
      ...m,
      ack: () => (settle(m.id), result.explicitAcks.push(m.id)),
      retry: (o?: QueueRetryOptions) => (
        settle(m.id),
        result.retryMessages.push({
          msgId: m.id,
          ...(o?.delaySeconds === undefined ? {} : { delaySeconds: o.delaySeconds }),
        })
      ),
    })),
    ackAll: () => expect.unreachable("ackAll"),
    retryAll: () => expect.unreachable("retryAll"),
  } as unknown as MessageBatch<unknown>;
  return { batch, result };
}

async function deliver(
  store: MemoryStore,
  fetch: DeliverOptions["fetch"],
  messages: ReturnType<typeof message>[],
  extra: Partial<DeliverOptions> = {},
) {
  const { batch, result } = batchOf(messages);
  await deliverBatch(batch, store, { fetch, ...extra });
  expect(result.explicitAcks.length + result.retryMessages.length, "every message settled").toBe(
    messages.length,
  );
  return result;
}

beforeEach(() => {
  for (const level of ["log", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("a delivery", () => {
  it("is a POST signed per Standard Webhooks, with the event as a documented envelope; 2xx acks it as delivered", async () => {
    const store = new MemoryStore();
    const { received, fetch } = receiver(new Response("ok"), new Response(null, { status: 202 }));
    const [goalDelivery, cardDelivery] = [deliveryOf(HOOK), deliveryOf(OTHER, event("CARD_SHOWN"))];
    const [m1, m2] = [message(goalDelivery), message(cardDelivery)];

    const result = await deliver(store, fetch, [m1, m2]);

    expect(result.explicitAcks.sort()).toEqual([m1.id, m2.id].sort());
    expect(result.retryMessages).toEqual([]);
    expect(received.map((r) => r.url).sort()).toEqual([HOOK.url, OTHER.url].sort());
    for (const r of received) {
      const sent = r.url === HOOK.url ? goalDelivery : cardDelivery;
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["webhook-id"]).toBe(`msg_${sent.event.event_id}`);
      expect(Number(r.headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
      expect(r.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      // The reference verifier accepts it, parses the body, and refuses it with another secret.
      const payload = new Verifier(SECRET).verify(r.body, r.headers);
      expect(payload).toEqual({
        type: sent.event.event_type,
        timestamp: sent.event.occurred_at,
        data: sent.event,
        derived: sent.derived,
      });
      const otherSecret = `whsec_${btoa("another secret of 24 bytes!!")}`;
      expect(() => new Verifier(otherSecret).verify(r.body, r.headers)).toThrow(
        "No matching signature found",
      );
      expect(() =>
        new Verifier(SECRET).verify(r.body.replace(sent.event.match_id, "another-match"), r.headers),
      ).toThrow();
    }
    expect(store.recorded).toEqual(
      expect.arrayContaining([
        { webhookId: HOOK.id, eventId: goalDelivery.event.event_id, status: "delivered", httpStatus: 200 },
        { webhookId: OTHER.id, eventId: cardDelivery.event.event_id, status: "delivered", httpStatus: 202 },
      ]),
    );
  });

  it("keeps its webhook-id across attempts while the timestamp and signature are made per attempt", async () => {
    const store = new MemoryStore();
    const { received, fetch } = receiver(
      new Response(null, { status: 500 }),
      new Response(null, { status: 200 }),
    );
    const body = deliveryOf(HOOK);
    await deliver(store, fetch, [message(body, 1)]);
    await deliver(store, fetch, [message(body, 2)]);
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);
    expect(received[0]!.body).toBe(received[1]!.body);
    for (const r of received) expect(() => new Verifier(SECRET).verify(r.body, r.headers)).not.toThrow();
    expect(store.recorded.map((r) => [r.status, r.httpStatus])).toEqual([
      ["retrying", 500],
      ["delivered", 200],
    ]);
  });
});

describe("an alert delivery", () => {
  it("is signed the same way, typed alert, with the alert as data and the change's id as webhook-id", async () => {
    const store = new MemoryStore();
    const { received, fetch } = receiver(new Response(null, { status: 204 }));
    const change = {
      change_id: "6f1c2a9e-3b7d-4e8f-9a0b-000000000042",
      id: "alert-7",
      rule: "dead_letters_growing",
      state: "firing",
      since: "2026-06-01T12:00:00.000Z",
      value: 3,
      threshold: 0,
    } as const;
    const alert: WebhookDeliveryMessage = { webhook_id: HOOK.id, alert: change };
    const result = await deliver(store, fetch, [message(alert)]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["webhook-id"]).toBe(`msg_${change.change_id}`);
    const { change_id: _, ...data } = change;
    expect(new Verifier(SECRET).verify(received[0]!.body, received[0]!.headers)).toEqual({
      type: "alert",
      timestamp: change.since,
      data,
    });
    expect(store.recorded).toEqual([
      { webhookId: HOOK.id, eventId: change.change_id, status: "delivered", httpStatus: 204 },
    ]);
  });
});

describe("what an answer decides", () => {
  it.each([
    [500, {}],
    [502, {}],
    [503, {}],
    [408, {}],
    [429, {}],
  ])("%i → retried with backoff, recorded as retrying", async (status, headers) => {
    const store = new MemoryStore();
    const m = message(deliveryOf(HOOK));
    const result = await deliver(store, receiver(new Response(null, { status, headers })).fetch, [m]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: m.id, delaySeconds: expect.any(Number) }]);
    // First retry: 15-30 s (WEBHOOK_BACKOFF).
    const delay = result.retryMessages[0]!.delaySeconds!;
    expect(delay).toBeGreaterThanOrEqual(15);
    expect(delay).toBeLessThanOrEqual(30);
    expect(store.recorded).toEqual([expect.objectContaining({ status: "retrying", httpStatus: status })]);
  });

  it("honours Retry-After, in seconds or as an HTTP date, when it asks for longer than the backoff", async () => {
    const store = new MemoryStore();
    const inSeconds = message(deliveryOf(HOOK));
    const asDate = message(deliveryOf(OTHER));
    const later = new Date(Date.now() + 600_000).toUTCString();
    const { fetch } = receiver(
      new Response(null, { status: 429, headers: { "Retry-After": "120" } }),
      new Response(null, { status: 503, headers: { "Retry-After": later } }),
    );
    const result = await deliver(store, fetch, [inSeconds, asDate], { concurrency: 1 });
    const delays = Object.fromEntries(result.retryMessages.map((r) => [r.msgId, r.delaySeconds]));
    expect(delays[inSeconds.id]).toBe(120);
    expect(delays[asDate.id]).toBeGreaterThanOrEqual(598);
    expect(delays[asDate.id]).toBeLessThanOrEqual(600);
  });

  it("backs off exponentially with the message's attempt count", async () => {
    const delays: number[] = [];
    for (const attempts of [1, 2, 3, 4, 5]) {
      const m = message(deliveryOf(HOOK), attempts);
      const result = await deliver(new MemoryStore(), receiver(new Response(null, { status: 500 })).fetch, [
        m,
      ]);
      delays.push(result.retryMessages[0]!.delaySeconds!);
    }
    // 30·2^(n-1) s, the upper half drawn: never shorter than the one before, the fifth at least 240 s.
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[4]).toBeGreaterThanOrEqual(240);
  });

  it("retries a network error and a timeout, with no HTTP status recorded", async () => {
    const store = new MemoryStore();
    const [refused, slow] = [message(deliveryOf(HOOK)), message(deliveryOf(OTHER))];
    const { fetch } = receiver(new TypeError("Network connection lost."), "hang");
    const result = await deliver(store, fetch, [refused, slow], { concurrency: 1, timeoutMs: 50 });
    expect(result.retryMessages.map((r) => r.msgId).sort()).toEqual([refused.id, slow.id].sort());
    expect(store.recorded.map((r) => [r.status, r.httpStatus])).toEqual([
      ["retrying", null],
      ["retrying", null],
    ]);
  });

  it.each([400, 401, 403, 404, 413, 422, 301, 302])(
    "%i → dead at once: acked, recorded dead, not retried",
    async (status) => {
      const store = new MemoryStore();
      const m = message(deliveryOf(HOOK));
      const headers = status >= 300 && status < 400 ? { Location: "https://elsewhere.example/" } : undefined;
      const { received, fetch } = receiver(new Response(null, { status, headers }));
      const result = await deliver(store, fetch, [m]);
      expect(received).toHaveLength(1);
      expect(result.explicitAcks).toEqual([m.id]);
      expect(result.retryMessages).toEqual([]);
      expect(store.recorded).toEqual([expect.objectContaining({ status: "dead", httpStatus: status })]);
    },
  );

  it("410 Gone removes the webhook (Standard Webhooks: stop sending to it) and acks its deliveries", async () => {
    const store = new MemoryStore();
    const [a, b] = [message(deliveryOf(HOOK)), message(deliveryOf(HOOK))];
    const result = await deliver(store, receiver(new Response(null, { status: 410 })).fetch, [a, b]);
    expect(result.explicitAcks.sort()).toEqual([a.id, b.id].sort());
    expect(store.removed).toEqual([HOOK.id]);
    expect(store.recorded).toEqual([]);
    // Later messages for it find no webhook: acked without a request.
    const late = message(deliveryOf(HOOK));
    const { received, fetch } = receiver();
    expect((await deliver(store, fetch, [late])).explicitAcks).toEqual([late.id]);
    expect(received).toEqual([]);
  });
});

describe("what is not sent", () => {
  it("nothing for a deleted webhook, or a delivery already delivered or dead; acked", async () => {
    const store = new MemoryStore();
    const [delivered, dead] = [deliveryOf(HOOK), deliveryOf(OTHER)];
    store.statuses.set(keyOf({ webhookId: HOOK.id, eventId: delivered.event.event_id }), "delivered");
    store.statuses.set(keyOf({ webhookId: OTHER.id, eventId: dead.event.event_id }), "dead");
    const deleted = { ...deliveryOf(HOOK), webhook_id: "11111111-2222-4333-8444-555555555555" };
    const messages = [message(delivered, 2), message(dead, 3), message(deleted)];
    const { received, fetch } = receiver();
    const result = await deliver(store, fetch, messages);
    expect(received).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(messages.map((m) => m.id).sort());
    expect(store.recorded).toEqual([]);
  });

  it("one request for the same (webhook, event) twice in a batch, both messages settled by it", async () => {
    const store = new MemoryStore();
    const body = deliveryOf(HOOK);
    const [first, again] = [message(body), message(body)];
    const { received, fetch } = receiver(new Response(null, { status: 204 }));
    const result = await deliver(store, fetch, [first, again]);
    expect(received).toHaveLength(1);
    expect(result.explicitAcks.sort()).toEqual([first.id, again.id].sort());
  });

  it("a malformed message is retried without a request, for the platform to dead-letter", async () => {
    const m = message({ webhook_id: "not-a-uuid", event: { event_id: "x" } });
    const { received, fetch } = receiver();
    const result = await deliver(new MemoryStore(), fetch, [m]);
    expect(received).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: m.id }]);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const fetch: DeliverOptions["fetch"] = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return new Response(null, { status: 200 });
    };
    const messages = Array.from({ length: 12 }, () => message(deliveryOf(HOOK)));
    const result = await deliver(new MemoryStore(), fetch, messages, { concurrency: 3 });
    expect(result.explicitAcks).toHaveLength(12);
    expect(most).toBe(3);
  });
});

describe("when Postgres fails", () => {
  it("before sending: nothing is sent and every message is retried with backoff", async () => {
    const store = new MemoryStore();
    store.failTargets = true;
    const messages = [message(deliveryOf(HOOK)), message(deliveryOf(OTHER), 3)];
    const { received, fetch } = receiver();
    const result = await deliver(store, fetch, messages);
    expect(received).toEqual([]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((r) => r.msgId).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(result.retryMessages.every((r) => r.delaySeconds! >= 1)).toBe(true);
  });

  it("after sending: the outcome cannot be stored, so the messages are retried rather than acked", async () => {
    const store = new MemoryStore();
    store.failRecord = true;
    const m = message(deliveryOf(HOOK));
    const { received, fetch } = receiver(new Response(null, { status: 200 }));
    const result = await deliver(store, fetch, [m]);
    expect(received).toHaveLength(1);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: m.id, delaySeconds: expect.any(Number) }]);
  });
});
