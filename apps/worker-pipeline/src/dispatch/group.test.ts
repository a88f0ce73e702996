// Messages carrying many recipients (NotificationGroup), against the in-memory world of run.test.ts: each recipient
// keeps its own books, retries go back as a smaller group, the last attempt dead-letters per device, the order of
// one device's pushes holds across groups, and a one-device message from before still goes through.

import { type DeadLetter, type NotificationGroup, unpackGroup } from "@buzz/queue";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  delivered,
  deviceId,
  endpointOf,
  eventId,
  failed,
  message,
  refused,
  run,
  settledAs,
  World,
} from "../testing/dispatch.js";
import { PUSH_BUDGET } from "./budget.js";
import type { DispatchDeps } from "./deps.js";
import { MAX_ATTEMPTS } from "./outcome.js";
import { runDispatch } from "./run.js";
import type { PushResult } from "./send.js";

afterEach(() => vi.restoreAllMocks());

const devicesOf = (g: NotificationGroup) => g.recipients.map((r) => r.device_id);

describe("a message for many devices", () => {
  it("sends each recipient once; one failing retryably goes back alone, later, and the others are not sent again", async () => {
    const w = new World();
    for (const d of [1, 2, 3]) w.device(d);
    w.script(2, [failed(503)]);
    const m = message(w.group(1, [1, 2, 3]));
    await run(w, [m]);

    expect(settledAs(m)).toBe("ack");
    expect(w.requests.map((r) => r.endpoint)).toEqual([1, 2, 3].map(endpointOf));
    expect([1, 2, 3].map((d) => w.status(1, d)!.status)).toEqual(["delivered", "retrying", "delivered"]);
    // random() = 0.5: attempt 1 → 2 s.
    expect(w.resent).toHaveLength(1);
    const [{ group, delaySeconds }] = w.resent as [{ group: NotificationGroup; delaySeconds: number }];
    expect(delaySeconds).toBe(2);
    expect(devicesOf(group)).toEqual([deviceId(2)]);
    expect(group.attempts).toBe(1);
    expect(unpackGroup(group)[0]!.payload).toEqual((m.body as NotificationGroup).payloads[0]);

    // The new message, and the old one delivered again by the platform: only device 2 is sent, once.
    w.requests = [];
    const again = message(group);
    const redelivered = message(m.body, 2);
    await run(w, [again, redelivered]);
    expect(w.requests.map((r) => r.endpoint)).toEqual([endpointOf(2)]);
    expect([again, redelivered].map(settledAs)).toEqual(["ack", "ack"]);
    expect([1, 2, 3].map((d) => w.status(1, d)!.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(w.resent).toHaveLength(1);
  });

  it("sends a recipient whose claim was made but never answered as soon as its new message comes, and still once", async () => {
    const w = new World();
    for (const d of [1, 2]) w.device(d);
    w.loseClaimAnswers = true; // Postgres went away between running the claim and answering it
    const m = message(w.group(1, [1, 2]));
    await run(w, [m]);
    expect(w.requests).toEqual([]);
    expect(w.resent).toHaveLength(1);
    const { group } = w.resent[0]!;
    expect([group.lineage, group.attempts]).toEqual([m.id, 1]);

    w.loseClaimAnswers = false;
    const again = message(group);
    await run(w, [again]);
    expect(w.requests.map((r) => r.endpoint)).toEqual([1, 2].map(endpointOf));
    expect([1, 2].map((d) => w.status(1, d)!.status)).toEqual(["delivered", "delivered"]);
    expect(w.resent).toHaveLength(1);

    // The first message, delivered again by the platform: nothing is sent twice.
    await run(w, [message(m.body, 2)]);
    expect(w.requests).toHaveLength(2);
  });

  it(`sends ${PUSH_BUDGET} recipients of a large batch; the rest go back at once, their attempts unspent, until all are sent`, async () => {
    const w = new World();
    const devices = Array.from({ length: 60 }, (_, i) => w.device(i + 1));
    w.script(1, [failed(503)]);
    const m = message(w.group(1, devices, 2), 3); // a group already delivered twice before, on its 3rd delivery
    await run(w, [m]);
    expect(w.requests).toHaveLength(PUSH_BUDGET);
    const [failing, untried] = w.resent as [
      { group: NotificationGroup; delaySeconds: number },
      { group: NotificationGroup; delaySeconds: number },
    ];
    expect(w.resent).toHaveLength(2);
    expect(devicesOf(failing.group)).toEqual([deviceId(1)]);
    expect(failing.group.attempts).toBe(5); // tried: 2 earlier messages' deliveries + this message's 3
    expect(devicesOf(untried.group)).toEqual(devices.slice(PUSH_BUDGET).map(deviceId));
    expect([untried.group.attempts, untried.delaySeconds]).toEqual([4, 0]); // this delivery not counted

    // Their message, delivered: the 12 left are sent.
    w.resent = [];
    await run(w, [message(untried.group)]);
    expect(w.requests).toHaveLength(60);
    expect(
      devices
        .slice(1)
        .map((d) => w.status(1, d)!.status)
        .every((s) => s === "delivered"),
    ).toBe(true);
    expect(w.letters).toEqual([]);
  });

  it("goes back after the longest delay asked (Retry-After), with the held-back pushes of the device", async () => {
    const w = new World();
    for (const d of [1, 2]) w.device(d);
    w.script(1, [failed(500)]);
    w.script(2, [failed(429, 40)]);
    const goal = w.group(1, [1, 2]);
    const amendment = w.group(2, [1], 0, goal.payloads[0]!.tag);
    await run(w, [message(goal), message(amendment)]);
    expect(w.requests.map((r) => r.event_id)).toEqual([eventId(1), eventId(1)]);
    expect(w.resent.map((r) => [r.group.event_id, devicesOf(r.group), r.delaySeconds])).toEqual([
      [eventId(1), [deviceId(1), deviceId(2)], 40],
      [eventId(2), [deviceId(1)], 2],
    ]);
    // The amendment held back behind its goal on device 1 is not sent before it: it waits in the log.
    expect(w.status(2, 1)).toMatchObject({ status: "retrying", attempts: 0 });
  });

  it("keeps a device's goal before its VAR cancellation across messages: the cancellation waits for the goal", async () => {
    const w = new World();
    for (const d of [1, 2]) w.device(d);
    w.script(1, [failed(500)]);
    const goal = w.group(1, [1, 2]);
    const cancellation = w.group(2, [1, 2], 0, goal.payloads[0]!.tag);
    await run(w, [message(goal)]);
    expect(w.status(1, 1)!.status).toBe("retrying");

    // The cancellation comes in another invocation while device 1's goal is still being retried.
    w.requests = [];
    await run(w, [message(cancellation)]);
    expect(w.requests.map((r) => [r.event_id, r.endpoint])).toEqual([[eventId(2), endpointOf(2)]]);
    const waiting = w.resent.at(-1)!;
    expect([waiting.group.event_id, devicesOf(waiting.group)]).toEqual([eventId(2), [deviceId(1)]]);

    // The goal's retry, then the cancellation's: device 1 sees them in that order.
    w.requests = [];
    await run(w, [message(w.resent[0]!.group)]);
    await run(w, [message(waiting.group)]);
    expect(w.requests.map((r) => [r.event_id, r.endpoint])).toEqual([
      [eventId(1), endpointOf(1)],
      [eventId(2), endpointOf(1)],
    ]);
  });

  it(`dead-letters each recipient past attempt ${MAX_ATTEMPTS}, as the platform would a one-device message, and a refused one at once`, async () => {
    const w = new World();
    for (const d of [1, 2, 3]) w.device(d);
    w.script(1, [failed(503)]);
    w.script(2, [refused]);
    const m = message(w.group(1, [1, 2, 3], MAX_ATTEMPTS - 1));
    await run(w, [m]);

    expect(settledAs(m)).toBe("ack");
    expect(w.resent).toEqual([]);
    expect([1, 2, 3].map((d) => w.status(1, d)!.status)).toEqual(["dead", "dead", "delivered"]);
    const letters = w.letters as DeadLetter[];
    expect(letters.map((l) => [l.reason, l.attempts, l.message_id])).toEqual(
      expect.arrayContaining([
        [refused.reason, MAX_ATTEMPTS, `${m.id}/${deviceId(2)}`],
        ["retries_exhausted", MAX_ATTEMPTS, `${m.id}/${deviceId(1)}`],
      ]),
    );
    // Each letter's body is the one device's notification: the recorder marks it, a redrive sends it alone.
    expect(letters.map((l) => (l.body as { device_id: string }).device_id).sort()).toEqual(
      [deviceId(1), deviceId(2)].sort(),
    );
  });

  it("retries the whole message when its retries cannot be queued; what was delivered is not sent again", async () => {
    const w = new World();
    for (const d of [1, 2]) w.device(d);
    w.script(1, [failed(500)]);
    w.failResend = true;
    const m = message(w.group(1, [1, 2]));
    await run(w, [m]);
    expect(settledAs(m)).toEqual({ retry: { delaySeconds: 2 } });

    w.failResend = false;
    w.requests = [];
    await run(w, [message(m.body, 2)]);
    expect(w.requests.map((r) => r.endpoint)).toEqual([endpointOf(1)]);
    expect([1, 2].map((d) => w.status(1, d)!.status)).toEqual(["delivered", "delivered"]);
  });

  it("takes one-device messages routed before groups, in the same batch as groups", async () => {
    const w = new World();
    for (const d of [1, 2, 3]) w.device(d);
    w.script(3, [failed(500)]);
    const old = [message(w.notification(1, 1)), message(w.notification(1, 3))];
    const group = message(w.group(2, [1, 2]));
    await run(w, [...old, group]);
    expect([...old, group].map(settledAs)).toEqual(["ack", { retry: { delaySeconds: 2 } }, "ack"]);
    expect(w.status(1, 1)!.status).toBe("delivered");
    expect(w.status(1, 3)!.status).toBe("retrying");
    expect([1, 2].map((d) => w.status(2, d)!.status)).toEqual(["delivered", "delivered"]);
    expect(w.resent).toEqual([]);
  });

  it("dead-letters a malformed group whole, for the recorder to mark the devices it names", async () => {
    const w = new World();
    w.device(1);
    const body = { ...w.group(1, [1]), recipients: [{ device_id: deviceId(1), payload: 3 }] };
    const m = message(body);
    await run(w, [m]);
    expect(settledAs(m)).toBe("ack");
    expect(w.requests).toEqual([]);
    expect((w.letters as DeadLetter[]).map((l) => [l.reason, l.body])).toEqual([
      ["recipients: a recipient names a payload the message does not carry", body],
    ]);
  });
});

describe("the account, with groups", () => {
  it("closes: every recipient ends delivered, pruned or dead, each delivered once", async () => {
    const w = new World();
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const answers: (() => PushResult)[] = [delivered, delivered, delivered, () => failed(500), () => refused];
    const send = w.deps().send;
    const queue: ReturnType<typeof message>[] = [];
    const deliveries: string[] = [];
    const deps: DispatchDeps = {
      ...w.deps(),
      random,
      send: async (n, channel, context) => {
        await send(n, channel, context);
        const answer = answers[Math.floor(random() * answers.length)]!();
        if (answer.kind === "delivered") deliveries.push(`${n.event_id}/${n.device_id}`);
        return answer;
      },
      // The queue: a group's retries come back as a new message (attempts from 1, the rest in the body).
      resend: async (group) => void queue.push(message(group)),
    };
    const devices = Array.from({ length: 40 }, (_, i) => w.device(i + 1));
    for (let e = 1; e <= 6; e++) queue.push(message(w.group(e, devices)));
    for (let round = 0; queue.length > 0 && round < 200; round++)
      await runDispatch(queue.splice(0, 1) as unknown as Message[], deps);
    expect(queue).toEqual([]);
    const statuses = [...w.log.values()].map((r) => r.status);
    expect(statuses).toHaveLength(240);
    expect(statuses.filter((s) => !["delivered", "pruned", "dead"].includes(s))).toEqual([]);
    const count = (s: string) => statuses.filter((x) => x === s).length;
    expect(count("delivered")).toBeGreaterThan(0);
    expect(count("dead")).toBeGreaterThan(0);
    expect(deliveries).toHaveLength(count("delivered"));
    expect(new Set(deliveries).size).toBe(deliveries.length);
  });
});
