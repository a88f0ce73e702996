// The webhook-deliveries consumer as deployed (deliverWebhooks: the SQL store through the dev proxy and the Neon
// driver) when Postgres goes away between a request to the receiver and the write of its outcome.

import { eq, webhookDeliveries, webhooks } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBatch, fakeMessage, goal, outcomesOf, testEnv } from "../testing/fakes.js";
import { deliverWebhooks } from "./index.js";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe.each(BACKENDS)("deliverWebhooks on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;

  it("writes the outcome of a request already made once Postgres answers again: acked, delivered, sent once", async () => {
    for (const level of ["log", "warn", "error"] as const)
      vi.spyOn(console, level).mockImplementation(() => {});
    const [hook] = await run((db) =>
      db
        .insert(webhooks)
        .values({
          url: "https://receiver.example/hook",
          secret: "whsec_c2VjcmV0IG9mIDI0IGJ5dGVzIGF0IGxlYXN0IQ==",
          eventTypes: ["GOAL_SCORED"],
        })
        .returning(),
    );
    const event = goal(1, { home: 1, away: 0 }, {}, { match_id: `m-webhook-blip-${kind}` });
    let requests = 0;
    let back: ReturnType<typeof setTimeout> | undefined;
    // The receiver answers, and Postgres is gone before the consumer can write that down; back 1.5 s later.
    vi.stubGlobal("fetch", async () => {
      requests++;
      backend.proxy.pause();
      back = setTimeout(() => backend.proxy.resume(), 1_500);
      return new Response(null, { status: 204 });
    });
    const messages = [fakeMessage("w1", { webhook_id: hook!.id, event, derived: {} })];
    const ctx = testContext();
    try {
      await deliverWebhooks(
        fakeBatch("webhook-deliveries", messages),
        testEnv(backend.env, {}, { POSTGRES_OUTAGE_HOLD_SECONDS: "20" }),
        ctx as unknown as ExecutionContext,
      );
      await ctx.settle();
    } finally {
      clearTimeout(back);
      backend.proxy.resume();
    }
    expect(outcomesOf(messages)).toEqual({ w1: "ack" });
    expect(requests).toBe(1);
    const rows = await run((db) =>
      db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.event_id)),
    );
    expect(rows).toMatchObject([{ status: "delivered", attempts: 1, lastStatus: 204 }]);
  });
});
