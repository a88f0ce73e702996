// The dispatcher's decisions against an in-memory log and a scripted push service (testing.ts): every outcome, the
// connection cap, the subrequest budget, the order of pushes sharing a tag, Postgres failing before or after the
// pushes, and the account closing.

import type { OutcomeRecord } from "@buzz/queue";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  delivered,
  deviceId,
  endpointOf,
  eventId,
  type FakeMessage,
  failed,
  gone,
  message,
  refused,
  run,
  settledAs,
  World,
} from "../testing/dispatch.js";
import { PUSH_BUDGET } from "./budget.js";
import type { DispatchDeps } from "./deps.js";
import { MAX_ATTEMPTS } from "./outcome.js";
import { MAX_CONCURRENT_PUSHES } from "./pushes.js";
import { runDispatch } from "./run.js";
import type { PushResult } from "./send.js";
import { keyOf } from "./store.js";

afterEach(() => vi.restoreAllMocks());

describe("one outcome per answer", () => {
  it("2xx: delivered with its time and status, the subscription's failures reset, acked", async () => {
    const w = new World();
    w.device(1);
    w.subs.get(deviceId(1))!.failure_count = 3;
    const m = message(w.notification(1, 1));
    await run(w, [m]);
    expect(settledAs(m)).toBe("ack");
    expect(w.status(1, 1)).toEqual({
      status: "delivered",
      attempts: 1,
      last_status: 201,
      delivered_at: "2026-06-01T12:00:00.000Z",
    });
    expect(w.subs.get(deviceId(1))).toMatchObject({
      failure_count: 0,
      last_success_at: "2026-06-01T12:00:00.000Z",
    });
  });

  it("404/410: pruned, the subscription deleted, acked, and nothing more sent to it in the batch", async () => {
    const w = new World();
    w.device(1);
    w.script(1, [gone]);
    const ms = [1, 2, 3].map((e) => message(w.notification(e, 1)));
    await run(w, ms);
    expect(ms.map(settledAs)).toEqual(["ack", "ack", "ack"]);
    expect(w.requests).toHaveLength(1);
    expect([1, 2, 3].map((e) => w.status(e, 1))).toEqual([
      { status: "pruned", attempts: 1, last_status: 410, delivered_at: null },
      { status: "pruned", attempts: 0, last_status: null, delivered_at: null },
      { status: "pruned", attempts: 0, last_status: null, delivered_at: null },
    ]);
    expect(w.subs.has(deviceId(1))).toBe(false);
  });

  it("429/5xx/network: retrying, retried with jittered backoff or at least Retry-After", async () => {
    const w = new World();
    for (const d of [1, 2, 3]) w.device(d);
    w.script(1, [failed(500)]);
    w.script(2, [failed(429, 30)]);
    w.script(3, [{ kind: "transient", status: null, reason: "no answer within 10000 ms" }]);
    const ms = [
      message(w.notification(1, 1), 3),
      message(w.notification(1, 2)),
      message(w.notification(1, 3)),
    ];
    await run(w, ms);
    // random() = 0.5: attempt 3 → 4 + 0.5 · 4 = 6 s; attempt 1 → 2 s, but Retry-After says 30.
    expect(ms.map(settledAs)).toEqual([
      { retry: { delaySeconds: 6 } },
      { retry: { delaySeconds: 30 } },
      { retry: { delaySeconds: 2 } },
    ]);
    expect(w.status(1, 1)).toEqual({ status: "retrying", attempts: 1, last_status: 500, delivered_at: null });
    expect(w.status(1, 3)).toMatchObject({ status: "retrying", last_status: null });
    expect(w.subs.get(deviceId(1))!.failure_count).toBe(1);
  });

  it("holds back a later push with the same Topic behind one being retried, so an amendment never overtakes its goal", async () => {
    const w = new World();
    w.device(1);
    w.script(1, [failed(500)]);
    const goal = w.notification(1, 1);
    const amendment = w.notification(2, 1, goal.payload.tag);
    const card = w.notification(3, 1);
    const ms = [message(goal, 3), message(amendment), message(card)];
    await run(w, ms);
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1), eventId(3)]);
    expect(ms.map(settledAs)).toEqual([
      { retry: { delaySeconds: 6 } },
      { retry: { delaySeconds: 6 } },
      "ack",
    ]);
    expect(w.status(2, 1)).toEqual({
      status: "retrying",
      attempts: 0,
      last_status: null,
      delivered_at: null,
    });
  });

  it(`a failure on attempt ${MAX_ATTEMPTS} (the last): dead, and retried so the platform moves it to notifications-dlq`, async () => {
    const w = new World();
    w.device(1);
    w.script(1, [failed(503)]);
    const m = message(w.notification(1, 1), MAX_ATTEMPTS);
    await run(w, [m]);
    expect(settledAs(m)).toEqual({ retry: { delaySeconds: 0 } });
    expect(w.status(1, 1)).toMatchObject({ status: "dead", last_status: 503 });
    expect(w.letters).toEqual([]);
  });

  it("refused (allow-list, invalid subscription, 403 …): dead with the reason in notifications-dlq at once, acked", async () => {
    const w = new World();
    w.device(1);
    w.script(1, [refused]);
    const m = message(w.notification(1, 1));
    await run(w, [m]);
    expect(settledAs(m)).toBe("ack");
    expect(w.status(1, 1)).toEqual({ status: "dead", attempts: 0, last_status: null, delivered_at: null });
    expect(w.letters).toEqual([
      expect.objectContaining({
        reason: refused.reason,
        queue: "notifications",
        message_id: m.id,
        attempts: 1,
        body: m.body,
      }),
    ]);
  });

  it("retries a refused message when notifications-dlq cannot take it, rather than dropping it", async () => {
    const w = new World();
    w.device(1);
    w.script(1, [refused]);
    w.failDeadLetter = true;
    const m = message(w.notification(1, 1));
    await run(w, [m]);
    expect(settledAs(m)).toEqual({ retry: { delaySeconds: 0 } });
    expect(w.status(1, 1)!.status).toBe("dead");
  });

  it("a malformed message goes to notifications-dlq with why; its log row, if it names one, says dead", async () => {
    const w = new World();
    w.device(1);
    const broken = { ...w.notification(1, 1), payload: "not an object" };
    const ms = [message(broken), message({ hello: "world" }), message("text")];
    await run(w, ms);
    expect(ms.map(settledAs)).toEqual(["ack", "ack", "ack"]);
    expect(w.status(1, 1)!.status).toBe("dead");
    expect(w.letters.map((l) => (l as { reason: string }).reason)).toEqual([
      "payload: Invalid input: expected object, received string",
      "event_id and device_id must be UUIDs",
      "not a JSON object",
    ]);
    expect(w.requests).toEqual([]);
  });
});

describe("what is never sent", () => {
  it("a redelivered message already delivered or pruned, and a second copy in the same batch", async () => {
    const w = new World();
    w.device(1);
    const first = message(w.notification(1, 1));
    await run(w, [first]);
    const again = [
      message(w.notification(1, 1), 2),
      message(w.notification(2, 1)),
      message(w.notification(2, 1)),
    ];
    await run(w, again);
    expect(again.map(settledAs)).toEqual(["ack", "ack", "ack"]);
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1), eventId(2)]);
  });

  it("a message whose device has no subscription any more is pruned without a request; a deleted device's is just acked", async () => {
    const w = new World();
    w.device(1, false);
    const noSub = message(w.notification(1, 1));
    const deleted = message(w.notification(1, 2));
    w.log.delete(keyOf({ event_id: eventId(1), device_id: deviceId(2) }));
    await run(w, [noSub, deleted]);
    expect([settledAs(noSub), settledAs(deleted)]).toEqual(["ack", "ack"]);
    expect(w.status(1, 1)).toMatchObject({ status: "pruned", attempts: 0 });
    expect(w.requests).toEqual([]);
  });

  it("uses the device's current subscription, not the one routed with the message", async () => {
    const w = new World();
    w.device(1);
    w.subs.get(deviceId(1))!.endpoint = "https://push.example.net/push/renewed";
    await run(w, [message(w.notification(1, 1))]);
    expect(w.requests.map((r) => r.endpoint)).toEqual(["https://push.example.net/push/renewed"]);
  });
});

describe("one push per notification, however many copies of it are in flight", () => {
  it.each([
    { copy: "another message", copyOf: (body: unknown) => message(body) },
    {
      copy: "a twin (same message id and attempt)",
      copyOf: (body: unknown, first: FakeMessage) => ({ ...message(body), id: first.id }),
    },
  ])(
    "$copy arriving while a message sends the push waits out its claim, then finds it delivered",
    async ({ copyOf }) => {
      const w = new World();
      w.device(1);
      w.script(1, ["pending"]);
      const n = w.notification(1, 1);
      const first = message(n);
      const copy = copyOf(n, first);
      const sending = run(w, [first]);
      await expect.poll(() => w.requests.length).toBe(1);
      await run(w, [copy]);
      // random() = 0.5: backoff on attempt 1 is 2 s; the claim has 240 s left, so the copy comes back after it.
      expect(settledAs(copy)).toEqual({ retry: { delaySeconds: w.claimWait } });
      w.releasePending();
      await sending;
      expect(settledAs(first)).toBe("ack");
      const again = message(n, 2);
      await run(w, [again]);
      expect(settledAs(again)).toBe("ack");
      expect(w.requests).toHaveLength(1);
      expect(w.claims.size).toBe(0);
    },
  );

  it("the claim's owner coming back (its invocation died mid-send) takes it again and sends", async () => {
    const w = new World();
    w.device(1);
    const n = w.notification(1, 1);
    const first = message(n);
    w.claims.set(keyOf(n), { owner: first.id, attempt: first.attempts });
    const redelivered = { ...message(n, 2), id: first.id };
    await run(w, [redelivered]);
    expect(settledAs(redelivered)).toBe("ack");
    expect(w.status(1, 1)!.status).toBe("delivered");
    expect(w.requests).toHaveLength(1);
  });

  it("an invocation whose claim ran but was never answered takes it back when it runs the claim again, and sends once", async () => {
    const w = new World();
    w.device(1);
    const n = w.notification(1, 1);
    const m = message(n);
    const deps = w.deps();
    // As src/outage holds the step: the claim ran, Postgres went before answering, and it runs again once back.
    const claimOnce = deps.claim;
    deps.claim = async (keys) => {
      w.loseClaimAnswers = true;
      await expect(claimOnce(keys)).rejects.toThrow();
      w.loseClaimAnswers = false;
      return claimOnce(keys);
    };
    await runDispatch([m] as unknown as Message[], deps);
    expect(settledAs(m)).toBe("ack");
    expect(w.status(1, 1)!.status).toBe("delivered");
    expect(w.requests).toHaveLength(1);
    expect(w.claims.size).toBe(0); // the outcome cleared it
  });

  it("a copy still kept out on its last attempt is sent: the claim's owner may never come back", async () => {
    const w = new World();
    w.device(1);
    const n = w.notification(1, 1);
    w.claims.set(keyOf(n), { owner: "a-message-that-died", attempt: 1 });
    const last = message(n, MAX_ATTEMPTS);
    await run(w, [last]);
    expect(settledAs(last)).toBe("ack");
    expect(w.status(1, 1)!.status).toBe("delivered");
  });

  it("sends nothing and retries with backoff when the claim cannot be made", async () => {
    const w = new World();
    w.device(1);
    w.failClaim = true;
    const m = message(w.notification(1, 1));
    await run(w, [m]);
    expect(settledAs(m)).toEqual({ retry: { delaySeconds: 2 } });
    expect(w.requests).toHaveLength(0);
    expect(w.status(1, 1)!.status).toBe("queued");
  });
});

describe("the newest push with a tag is the one left on the phone", () => {
  it("sends a device's pushes of a match in sequence order, whatever the batch order", async () => {
    const w = new World();
    w.device(1);
    const ms = [message(w.notification(3, 1)), message(w.notification(1, 1)), message(w.notification(2, 1))];
    await run(w, ms);
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1), eventId(2), eventId(3)]);
  });

  it("does not send a push whose tag already carries newer news on the phone: settled as superseded, without a request", async () => {
    const w = new World();
    w.device(1);
    await run(w, [message(w.notification(2, 1, "goal-x"))]); // the amendment overtook its goal upstream
    const late = message(w.notification(1, 1, "goal-x"));
    await run(w, [late]);
    expect(settledAs(late)).toBe("ack");
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(2)]);
    expect(w.status(1, 1)).toEqual({
      status: "superseded",
      attempts: 0,
      last_status: null,
      delivered_at: null,
    });
  });

  it("holds a push back while an older one with its tag is being retried, except on its own last attempt", async () => {
    const w = new World();
    w.device(1);
    w.script(1, [failed(500)]);
    await run(w, [message(w.notification(1, 1, "goal-x"))]);
    const amendment = w.notification(2, 1, "goal-x");
    const [held, last] = [message(amendment, 2), message(amendment, MAX_ATTEMPTS)];
    await run(w, [held]);
    expect(settledAs(held)).toEqual({ retry: { delaySeconds: 3 } });
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1)]);
    expect(w.status(2, 1)!.status).toBe("queued");
    await run(w, [last]);
    expect(settledAs(last)).toBe("ack");
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1), eventId(2)]);
  });
});

describe("limits of one invocation", () => {
  it(`holds at most ${MAX_CONCURRENT_PUSHES} pushes in flight (the 6th connection is Postgres'), and sends one device's in order`, async () => {
    const w = new World();
    for (let d = 1; d <= 12; d++) {
      w.device(d);
      w.script(d, ["pending", "pending"]);
    }
    const ms = Array.from({ length: 12 }, (_, i) => [
      message(w.notification(1, i + 1)),
      message(w.notification(2, i + 1)),
    ]).flat();
    const done = run(w, ms);
    for (let i = 0; i < 100 && ms.some((m) => settledAs(m) === "none"); i++) {
      await new Promise((r) => setTimeout(r, 1));
      w.releasePending();
    }
    await done;
    expect(w.peakInFlight).toBe(MAX_CONCURRENT_PUSHES);
    for (let d = 1; d <= 12; d++) {
      expect(w.requests.filter((r) => r.endpoint === endpointOf(d)).map((r) => r.event_id)).toEqual([
        eventId(1),
        eventId(2),
      ]);
    }
    expect(ms.every((m) => settledAs(m) === "ack")).toBe(true);
  });

  it(`sends at most ${PUSH_BUDGET} pushes per invocation and retries the rest at once`, async () => {
    const w = new World();
    const ms = Array.from({ length: 50 }, (_, i) => message(w.notification(1, w.device(i + 1))));
    await run(w, ms);
    expect(w.requests).toHaveLength(PUSH_BUDGET);
    expect(ms.slice(PUSH_BUDGET).map(settledAs)).toEqual([
      { retry: { delaySeconds: 0 } },
      { retry: { delaySeconds: 0 } },
    ]);
    expect(ms.slice(PUSH_BUDGET).map((m) => w.status(1, ms.indexOf(m) + 1)!.status)).toEqual([
      "queued",
      "queued",
    ]);
  });
});

describe("Postgres unreachable", () => {
  it("before the pushes: nothing is sent, every message is retried with backoff", async () => {
    const w = new World();
    w.device(1);
    w.failLoad = true;
    const ms = [message(w.notification(1, 1)), message(w.notification(2, 1), 4)];
    await run(w, ms);
    expect(w.requests).toEqual([]);
    expect(ms.map(settledAs)).toEqual([{ retry: { delaySeconds: 2 } }, { retry: { delaySeconds: 12 } }]);
  });

  it("after the pushes: a delivery is carried on the queue (never sent twice), the rest is retried", async () => {
    const w = new World();
    for (const d of [1, 2, 3]) w.device(d);
    w.script(2, [failed(500)]);
    w.script(3, [gone]);
    w.failRecord = true;
    const ms = [message(w.notification(1, 1)), message(w.notification(1, 2)), message(w.notification(1, 3))];
    await run(w, ms);
    expect(ms.map(settledAs)).toEqual(["ack", { retry: { delaySeconds: 2 } }, "ack"]);
    expect(w.carried.map((c) => [c.log.device_id, c.log.status, c.channel])).toEqual([
      [
        deviceId(1),
        "delivered",
        {
          channel: { kind: "web", endpoint: endpointOf(1) },
          gone: false,
          success_at: "2026-06-01T12:00:00.000Z",
          failures: 0,
        },
      ],
      [
        deviceId(3),
        "pruned",
        { channel: { kind: "web", endpoint: endpointOf(3) }, gone: true, success_at: null, failures: 0 },
      ],
    ]);
    expect(w.status(1, 1)!.status).toBe("queued");

    // Postgres is back: the carried outcomes are written, and a stray copy of the delivered message is not resent.
    w.failRecord = false;
    const carried = w.carried.map((c) => message(c));
    const stray = message(w.notification(1, 1), 2);
    await run(w, [...carried, stray]);
    expect([...carried, stray].map(settledAs)).toEqual(["ack", "ack", "ack"]);
    expect(w.status(1, 1)).toMatchObject({ status: "delivered", attempts: 1, last_status: 201 });
    expect(w.status(1, 3)).toMatchObject({ status: "pruned", attempts: 1 });
    expect(w.subs.has(deviceId(3))).toBe(false);
    expect(w.requests).toHaveLength(3);
  });

  it("a carried outcome that still cannot be written goes round again", async () => {
    const w = new World();
    w.failRecord = true;
    const record: OutcomeRecord = {
      kind: "dispatch_outcome",
      log: {
        event_id: eventId(1),
        device_id: deviceId(1),
        status: "delivered",
        requests: 1,
        last_status: 201,
        delivered_at: "2026-06-01T12:00:00.000Z",
      },
      channel: null,
    };
    const m = message(record, 2);
    await run(w, [m]);
    expect(settledAs(m)).toEqual({ retry: { delaySeconds: 3 } });
  });
});

describe("the account", () => {
  it("closes: after a match's worth of mixed answers and redeliveries, delivered + pruned + dead = attempted", async () => {
    const w = new World();
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const answers: (() => PushResult)[] = [
      delivered,
      delivered,
      delivered,
      () => gone,
      () => failed(500),
      () => failed(429, 3),
      () => refused,
    ];
    const send = w.deps().send;
    const deps = {
      ...w.deps(),
      random,
      send: async (...args: Parameters<DispatchDeps["send"]>) => (
        await send(...args), answers[Math.floor(random() * answers.length)]!()
      ),
    };
    for (let d = 1; d <= 30; d++) w.device(d);
    const queue = Array.from({ length: 30 * 6 }, (_, i) =>
      message(w.notification(1 + (i % 6), 1 + Math.floor(i / 6))),
    );
    for (let round = 0; queue.length > 0 && round < 50; round++) {
      const batch = queue.splice(0, 50);
      await runDispatch(batch as unknown as Message[], deps);
      // The platform: a retried message comes back with attempts + 1, or goes to the DLQ after the last.
      for (const m of batch)
        if (m.retry.mock.calls.length && m.attempts < MAX_ATTEMPTS)
          queue.push(message(m.body, m.attempts + 1));
    }
    expect(queue).toEqual([]);
    const statuses = [...w.log.values()].map((r) => r.status);
    expect(statuses).toHaveLength(180);
    const count = (s: string) => statuses.filter((x) => x === s).length;
    expect(count("delivered") + count("pruned") + count("dead")).toBe(180);
    expect(count("delivered")).toBeGreaterThan(0);
    expect(count("pruned")).toBeGreaterThan(0);
    expect(count("dead")).toBeGreaterThan(0);
  });
});
