import { describe, expect, it } from "vitest";
import type { NotificationMessage } from "./notification.js";
import {
  isGroupShaped,
  MAX_RECIPIENTS,
  NotificationGroupSchema,
  packNotifications,
  unpackGroup,
} from "./notification-group.js";

const event = (n: number) => `0190a3e2-7b4c-7d3e-9f21-${n.toString(16).padStart(12, "0")}`;
const device = (n: number) => `6f1c2a9e-3b7d-4e8f-9a0b-${n.toString(16).padStart(12, "0")}`;
const payloadIn = (lang: string, silent = false) => ({
  title: `title ${lang}`,
  body: `body ${lang}`,
  tag: "goal-1",
  data: { event_id: event(1), match_id: "m", sequence_number: 3, url: "/" },
  lang,
  ...(silent ? { silent: true as const } : {}),
});
const notification = (e: number, d: number, payload = payloadIn("en")): NotificationMessage => ({
  event_id: event(e),
  device_id: device(d),
  match_id: "m",
  payload,
  ttl: 300,
  urgency: "high",
  topic: "goal-1",
  routed_at: "2026-06-01T12:00:00.000Z",
});

describe("notification groups", () => {
  it("pack one event's pushes into messages of at most perMessage recipients, each payload carried once", () => {
    const fr = payloadIn("fr");
    // Equal payloads that are different objects are still carried once.
    const all = [1, 2, 3, 4, 5].map((d) => notification(1, d, d % 2 ? fr : { ...payloadIn("en") }));
    const groups = packNotifications(all, 3);
    expect(groups.map((g) => g.recipients.length)).toEqual([3, 2]);
    expect(groups.map((g) => g.payloads.map((p) => p.lang))).toEqual([
      ["fr", "en"],
      ["en", "fr"],
    ]);
    expect(groups.every((g) => NotificationGroupSchema.safeParse(g).success)).toBe(true);
    expect(groups.flatMap(unpackGroup)).toEqual(all);
  });

  it("never put two events in one message, and keep a silent variant apart from the loud one", () => {
    const all = [
      notification(1, 1),
      notification(1, 2, payloadIn("en", true)),
      notification(2, 1),
      notification(1, 3),
    ];
    const groups = packNotifications(all, MAX_RECIPIENTS, { attempts: 2, lineage: "m-1" });
    expect(
      groups.map((g) => [g.event_id, g.recipients.length, g.payloads.length, g.attempts, g.lineage]),
    ).toEqual([
      [event(1), 2, 2, 2, "m-1"],
      [event(2), 1, 1, 2, "m-1"],
      [event(1), 1, 1, 2, "m-1"],
    ]);
    expect(groups.flatMap(unpackGroup)).toEqual(all);
  });

  it("refuse a size outside 1..MAX_RECIPIENTS", () => {
    expect(() => packNotifications([notification(1, 1)], 0)).toThrow(RangeError);
    expect(() => packNotifications([notification(1, 1)], MAX_RECIPIENTS + 1)).toThrow(RangeError);
  });

  it("a group naming a payload it does not carry, or too many recipients, does not parse; attempts default to 0", () => {
    const [group] = packNotifications([notification(1, 1)], 1);
    expect(NotificationGroupSchema.parse({ ...group, attempts: undefined }).attempts).toBe(0);
    expect(
      NotificationGroupSchema.safeParse({ ...group, recipients: [{ device_id: device(1), payload: 1 }] })
        .success,
    ).toBe(false);
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => ({ device_id: device(i), payload: 0 }));
    expect(NotificationGroupSchema.safeParse({ ...group, recipients: many }).success).toBe(false);
    expect(isGroupShaped(group)).toBe(true);
    expect(isGroupShaped(notification(1, 1))).toBe(false);
  });
});
