// The queue bindings ops reads and redrives through, with the notification lanes (@buzz/queue lanes.ts).
import { laneOf } from "@buzz/queue";
import { describe, expect, it } from "vitest";
import { backlogOf, producerFor } from "./bindings.js";

const queue = (backlogCount: number) => {
  const sent: unknown[] = [];
  return {
    sent,
    metrics: async () => ({ backlogCount, backlogBytes: 0 }),
    send: async (body: unknown) => void sent.push(body),
  };
};
const envOf = (bindings: Record<string, ReturnType<typeof queue>>) => bindings as unknown as Env;

describe("ops queue bindings", () => {
  it("counts the backlog of notifications over all its lanes, and of another queue on its own", async () => {
    const env = envOf({
      NOTIFICATIONS: queue(5),
      NOTIFICATIONS_1: queue(7),
      NOTIFICATIONS_2: queue(0),
      MATCH_EVENTS: queue(3),
    });
    expect(await backlogOf(env, "notifications")).toBe(12);
    expect(await backlogOf(env, "match-events")).toBe(3);
  });

  it("cannot say when one lane cannot", async () => {
    const broken = { ...queue(0), metrics: async () => Promise.reject(new Error("no metrics")) };
    expect(
      await backlogOf(envOf({ NOTIFICATIONS: queue(5), NOTIFICATIONS_1: broken }), "notifications"),
    ).toBeNull();
  });

  it("redrives a notification to its device's lane, anything else to its queue", async () => {
    const lanes = [queue(0), queue(0), queue(0)];
    const env = envOf({
      NOTIFICATIONS: lanes[0]!,
      NOTIFICATIONS_1: lanes[1]!,
      NOTIFICATIONS_2: lanes[2]!,
      MATCH_EVENTS: queue(0),
    });
    const device = "0191a3e2-7b4c-7d3e-9f21-000000000005"; // lane 5 % 3 = 2: not the first
    expect(laneOf(device, 3)).toBe(2);
    const body = { event_id: crypto.randomUUID(), device_id: device };
    await producerFor(env, "notifications", body).send(body);
    expect(lanes.map((q) => q.sent.length)).toEqual([0, 0, 1]);
    expect(producerFor(env, "match-events", body)).toBe(env.MATCH_EVENTS);
  });
});
