import { describe, expect, it } from "vitest";
import { liveModel, pushModel } from "./model.js";

const measured = {
  fanoutUsPerSocket: 50,
  pushUsPerMessage: 200,
  segmentMs: 1_000,
  segmentRecipients: 100_000,
};
const target = {
  liveSockets: 1_000_000,
  pushDevices: 2_300_000,
  withinSeconds: 1,
  recipientsPerMessage: 48,
  lanes: 20,
};
const pick = (steps: { name: string; value: number }[], prefix: string) =>
  steps.find((s) => s.name.startsWith(prefix))!.value;

describe("capacity model", () => {
  it("sizes live shards by the broadcast budget, capped by the sockets one object may hold", () => {
    const live = liveModel(measured, target);
    expect(pick(live, "sockets one shard")).toBe(10_000); // 0.5 s ÷ 50 µs
    expect(pick(live, "fan-out shards")).toBe(100);
    const cheap = liveModel({ ...measured, fanoutUsPerSocket: 1 }, target);
    expect(pick(cheap, "shard size")).toBe(32_768);
    expect(pick(cheap, "fan-out shards")).toBe(31);
  });

  it("takes the larger of the CPU and the connection bound for push invocations", () => {
    const push = pushModel(measured, target);
    expect(pick(push, "CPU to encrypt")).toBeCloseTo(460); // 2.3 M × 200 µs
    expect(pick(push, "invocations for that CPU")).toBe(920);
    expect(pick(push, "pushes one invocation")).toBe(100); // 6 × 1000 ÷ 60 ms
    expect(pick(push, "invocations for the connections")).toBe(46_000);
    expect(pick(push, "notification queues")).toBe(184);
    expect(pick(push, "queue messages for the goal")).toBe(47_917); // ⌈2.3 M ÷ 48⌉
    expect(pick(push, "time for them to pass one queue")).toBeCloseTo(9.58, 2);
    expect(pick(push, "queues for them to pass")).toBe(20);
    expect(pick(push, "time for one queue's invocations")).toBe(92); // 2.3 M ÷ (100 × 250)
    expect(pick(push, "time for the messages to pass production's 20 lanes")).toBeCloseTo(0.48, 2); // 47 917 ÷ 100 000
    expect(pick(push, "time for the 20 lanes' invocations")).toBeCloseTo(4.6, 5);
    expect(pick(push, "segment statement")).toBe(23_000);
    expect(pick(push, "route partitions")).toBe(46);
    expect(pick(push, "the same pushes through one FCM")).toBe(230);
  });
});
