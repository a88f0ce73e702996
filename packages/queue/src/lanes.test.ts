import { describe, expect, it } from "vitest";
import { byLane, laneFor, laneOf, notificationLanes } from "./lanes.js";

const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

describe("laneOf", () => {
  it("spreads devices evenly over the lanes, by the UUID's last 32 bits, the same every time", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) counts[laneOf(crypto.randomUUID(), 4)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(800);
    expect([0, 1, 2, 3, 4, 5].map((i) => laneOf(uuid(i), 4))).toEqual([0, 1, 2, 3, 0, 1]);
    expect(laneOf(uuid(0xffffffff), 20)).toBe(0xffffffff % 20);
    expect(laneOf(uuid(7), 1)).toBe(0);
  });
});

describe("notificationLanes", () => {
  it("are NOTIFICATIONS, NOTIFICATIONS_1, … up to the first missing", () => {
    const env = { NOTIFICATIONS: "a", NOTIFICATIONS_1: "b", NOTIFICATIONS_2: "c", NOTIFICATIONS_4: "e" };
    expect(notificationLanes(env)).toEqual(["a", "b", "c"]);
    const withDlq = { NOTIFICATIONS: "a", NOTIFICATIONS_DLQ: "d" };
    expect(notificationLanes(withDlq)).toEqual(["a"]);
  });
});

describe("laneFor", () => {
  const lanes = ["l0", "l1", "l2"];
  it("puts a body back on its device's lane: a group's first recipient, a message's device, an outcome's log", () => {
    const device = uuid(5); // lane 2 of 3
    expect(laneFor(lanes, { recipients: [{ device_id: device }, { device_id: uuid(3) }] })).toBe("l2");
    expect(laneFor(lanes, { device_id: device })).toBe("l2");
    expect(laneFor(lanes, { kind: "dispatch_outcome", log: { device_id: device } })).toBe("l2");
  });

  it("puts a body that names no device on the first lane", () => {
    for (const body of [null, "x", 7, {}, { recipients: [] }, { recipients: "x" }, { device_id: 5 }])
      expect(laneFor(lanes, body)).toBe("l0");
  });
});

describe("byLane", () => {
  it("splits items by their device's lane, each lane in the items' order", () => {
    const items = [5, 1, 4, 2, 7, 3].map((i) => ({ i, device: uuid(i) }));
    expect(byLane(items, 3, (x) => x.device).map((lane) => lane.map((x) => x.i))).toEqual([
      [3],
      [1, 4, 7],
      [5, 2],
    ]);
    expect(byLane(items, 1, (x) => x.device)).toEqual([items]);
  });
});
