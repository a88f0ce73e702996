// The webhook SQL against both local backends (real PostgreSQL and PGlite) through the dev proxy and the Neon
// driver: the fan-out's dedup and batching, and the delivery consumer's bookkeeping.

import { eq, webhookDeliveries, webhooks } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { type EnrichedMessage, MAX_BATCH_BYTES, type WebhookDeliveryMessage } from "@buzz/queue";
import { beforeEach, describe, expect, it } from "vitest";
import { fanOutWebhooks, webhooksSubscribedSql } from "./fanout.js";
import { sqlDeliveryStore } from "./store.js";

let n = 0;
function enriched(eventType = "GOAL_SCORED", padding = 0): EnrichedMessage {
  const id = `0190a3e2-7b4c-7d3e-9f21-${(n++).toString(16).padStart(12, "0")}`;
  const event = {
    event_id: id,
    event_type: eventType,
    match_id: "wc2018-final",
    occurred_at: "2018-07-15T15:38:12.450Z",
    data: { note: "x".repeat(padding) },
  };
  return {
    event,
    derived: { expected_goals: 0.76 },
    enriched_at: "2018-07-15T15:38:12.700Z",
  } as unknown as EnrichedMessage;
}

const deliveries = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** A producer binding that keeps what was sent, and can be told to fail. */
function fakeQueue() {
  const batches: WebhookDeliveryMessage[][] = [];
  let failing = false;
  const queue = {
    async sendBatch(messages: Iterable<MessageSendRequest<WebhookDeliveryMessage>>) {
      if (failing) throw new Error("Queue sendBatch failed: internal error");
      batches.push([...messages].map((m) => m.body));
    },
  } as unknown as Queue;
  return { queue, batches, sent: () => batches.flat(), fail: (on: boolean) => void (failing = on) };
}

describe.each(BACKENDS)("%s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;
  const register = (eventTypes: string[], url = "https://receiver.example/hook") =>
    run(
      async (db) =>
        (
          await db
            .insert(webhooks)
            .values({ url, secret: "whsec_c2VjcmV0IG9mIDI0IGJ5dGVzIGF0IGxlYXN0IQ==", eventTypes })
            .returning()
        )[0]!.id,
    );
  const rowsOf = (eventId: string) =>
    run((db) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId)));

  beforeEach(() => run((db) => db.delete(webhooks)));

  describe("webhooksSubscribedSql", () => {
    const subscribed = (types: string[]) =>
      run(async (db) => (await db.execute(webhooksSubscribedSql(types))).rows[0]?.subscribed);

    it('says whether any webhook takes any of the types: by name, by "*", or by listing none', async () => {
      expect(await subscribed(["GOAL_SCORED"])).toBe(false);
      await register(["GOAL_SCORED"]);
      expect(await subscribed(["SHOT", "SHOT"])).toBe(false);
      expect(await subscribed(["SHOT", "GOAL_SCORED"])).toBe(true);
      for (const types of [["*"], []]) {
        await run((db) => db.delete(webhooks));
        await register(types);
        expect(await subscribed(["SHOT"]), JSON.stringify(types)).toBe(true);
      }
    });
  });

  describe("fanOutWebhooks", () => {
    it('enqueues one delivery per subscribed webhook (its types, "*" or all), once however often the event comes', async () => {
      const goals = await register(["GOAL_SCORED", "GOAL_CANCELLED"]);
      const star = await register(["*"]);
      const all = await register([]);
      await register(["CARD_SHOWN"]);
      const { queue, sent } = fakeQueue();
      const goal = enriched("GOAL_SCORED");

      expect(deliveries(await run((db) => fanOutWebhooks(db, queue, [goal])))).toBe(3);
      expect(
        sent()
          .map((m) => m.webhook_id)
          .sort(),
      ).toEqual([goals, star, all].sort());
      expect(sent()[0]).toEqual({ webhook_id: expect.any(String), event: goal.event, derived: goal.derived });
      const rows = await rowsOf(goal.event.event_id);
      expect(rows.map((r) => [r.webhookId, r.status, r.attempts]).sort()).toEqual(
        [goals, star, all].sort().map((id) => [id, "queued", 0]),
      );

      // Redelivered to the route consumer, or replayed: nothing new.
      expect(deliveries(await run((db) => fanOutWebhooks(db, queue, [goal])))).toBe(0);
      expect(sent()).toHaveLength(3);
      // Concurrently, too: the (webhook, event) key lets one of them win.
      const counts = await Promise.all([
        run((db) => fanOutWebhooks(db, queue, [goal])),
        run((db) => fanOutWebhooks(db, queue, [goal])),
      ]);
      expect(counts.map(deliveries)).toEqual([0, 0]);

      const later = await register(["GOAL_SCORED"]);
      expect(deliveries(await run((db) => fanOutWebhooks(db, queue, [goal])))).toBe(1);
      expect(sent().at(-1)?.webhook_id).toBe(later);
    });

    it("enqueues nothing, and stores nothing, for an event no webhook wants", async () => {
      await register(["GOAL_SCORED"]);
      const { queue, batches } = fakeQueue();
      const sub = enriched("SUBSTITUTION");
      expect(deliveries(await run((db) => fanOutWebhooks(db, queue, [sub])))).toBe(0);
      expect(batches).toEqual([]);
      expect(await rowsOf(sub.event.event_id)).toEqual([]);
    });

    it("rolls its rows back when the queue refuses, so the caller's retry enqueues them", async () => {
      await register(["*"]);
      await register(["GOAL_SCORED"]);
      const { queue, sent, fail } = fakeQueue();
      const goal = enriched();
      fail(true);
      await expect(run((db) => fanOutWebhooks(db, queue, [goal]))).rejects.toThrow("sendBatch failed");
      expect(await rowsOf(goal.event.event_id)).toEqual([]);
      fail(false);
      expect(deliveries(await run((db) => fanOutWebhooks(db, queue, [goal])))).toBe(2);
      expect(sent()).toHaveLength(2);
    });

    it("fans a whole batch out in one statement: each event to its subscribers, in the batch's order", async () => {
      const goals = await register(["GOAL_SCORED"]);
      const star = await register(["*"]);
      const { queue, sent } = fakeQueue();
      const [shot, goal, card] = [enriched("SHOT"), enriched("GOAL_SCORED"), enriched("CARD_SHOWN")];

      const counts = await run((db) => fanOutWebhooks(db, queue, [shot, goal, card]));
      expect(Object.fromEntries(counts)).toEqual({
        [shot.event.event_id]: 1,
        [goal.event.event_id]: 2,
        [card.event.event_id]: 1,
      });
      const eventOf = (m: WebhookDeliveryMessage) => ("event" in m ? m.event.event_id : null);
      expect(sent().map(eventOf)).toEqual([
        shot.event.event_id,
        goal.event.event_id,
        goal.event.event_id,
        card.event.event_id,
      ]);
      expect(
        sent()
          .filter((m) => eventOf(m) === goal.event.event_id)
          .map((m) => m.webhook_id)
          .sort(),
      ).toEqual([goals, star].sort());
      expect((await run((db) => fanOutWebhooks(db, queue, [shot, goal, card]))).size).toBe(0);
    });

    it("sends in batches of at most 100 messages and 200 KB", async () => {
      await run((db) =>
        db.insert(webhooks).values(
          Array.from({ length: 230 }, (_, i) => ({
            url: `https://r${i}.example/`,
            secret: "whsec_eA==",
            eventTypes: ["*"],
          })),
        ),
      );
      const small = fakeQueue();
      expect(deliveries(await run((db) => fanOutWebhooks(db, small.queue, [enriched("SHOT")])))).toBe(230);
      expect(small.batches.map((b) => b.length)).toEqual([100, 100, 30]);

      // 3 KB events: the byte budget, not the count, closes each batch.
      const big = fakeQueue();
      expect(deliveries(await run((db) => fanOutWebhooks(db, big.queue, [enriched("SHOT", 3_000)])))).toBe(
        230,
      );
      const sizes = big.batches.map((b) => new TextEncoder().encode(JSON.stringify(b)).byteLength);
      expect(big.batches.length).toBeGreaterThan(3);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
      expect(new Set(big.sent().map((m) => m.webhook_id)).size).toBe(230);
    });
  });

  describe("the delivery consumer's store", () => {
    it("reads each delivery's webhook and status, records attempts, and keeps delivered rows delivered", async () => {
      const hook = await register(["*"]);
      const { queue } = fakeQueue();
      const [a, b] = [enriched(), enriched()];
      await run((db) => fanOutWebhooks(db, queue, [a]));
      const keyA = { webhookId: hook, eventId: a.event.event_id };
      // b's row is missing, as when the consumer runs before the fan-out committed.
      const keyB = { webhookId: hook, eventId: b.event.event_id };
      const gone = { webhookId: "11111111-2222-4333-8444-555555555555", eventId: a.event.event_id };

      const targets = await run((db) => sqlDeliveryStore(db).targets([keyA, keyB, gone]));
      expect([...targets.webhooks.keys()]).toEqual([hook]);
      expect(targets.webhooks.get(hook)).toMatchObject({
        url: "https://receiver.example/hook",
        secret: expect.stringMatching(/^whsec_/),
      });
      expect([...targets.statuses.values()]).toEqual(["queued"]);

      await run((db) =>
        sqlDeliveryStore(db).record([
          { ...keyA, status: "retrying", httpStatus: 503 },
          { ...keyB, status: "retrying", httpStatus: null },
          { ...gone, status: "dead", httpStatus: 404 }, // its webhook no longer exists: skipped, no FK error
        ]),
      );
      await run((db) => sqlDeliveryStore(db).record([{ ...keyA, status: "delivered", httpStatus: 200 }]));
      // A duplicate attempt that failed after another succeeded does not undo it.
      await run((db) => sqlDeliveryStore(db).record([{ ...keyA, status: "retrying", httpStatus: 500 }]));

      const row = async (eventId: string) =>
        (await rowsOf(eventId)).map((r) => ({
          status: r.status,
          attempts: r.attempts,
          lastStatus: r.lastStatus,
        }));
      expect(await row(a.event.event_id)).toEqual([{ status: "delivered", attempts: 2, lastStatus: 200 }]);
      expect(await row(b.event.event_id)).toEqual([{ status: "retrying", attempts: 1, lastStatus: null }]);
    });

    it("removes a gone webhook with its deliveries", async () => {
      const [hook, kept] = [await register(["*"]), await register(["*"])];
      const goal = enriched();
      await run((db) => fanOutWebhooks(db, fakeQueue().queue, [goal]));
      await run((db) => sqlDeliveryStore(db).remove([hook]));
      expect((await rowsOf(goal.event.event_id)).map((r) => r.webhookId)).toEqual([kept]);
      const targets = await run((db) =>
        sqlDeliveryStore(db).targets([{ webhookId: hook, eventId: goal.event.event_id }]),
      );
      expect(targets.webhooks.size).toBe(0);
    });
  });
});
