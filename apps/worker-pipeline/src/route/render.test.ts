// The largest `notifications` message route can make, against the 128 KB one queue message may weigh.
import { SUPPORTED_LOCALES } from "@buzz/notifications";
import { type Derived, MAX_RECIPIENTS, packNotifications, sizeOf } from "@buzz/queue";
import type { PublishedEvent } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { EVERY_EVENT } from "../../../../packages/notifications/src/testing/events.js";
import type { Recipient } from "./recipients.js";
import { notificationsFor } from "./render.js";

/** Queues limits: 128 KB a message, where a KB is 1 000 bytes (sizeOf adds the metadata allowance). */
const MESSAGE_LIMIT = 128_000;

// Names longer than the fixture and ingest schemas allow (128), of a character JSON writes as six bytes.
const LONGEST = "\u0001".repeat(200);
const longest = (value: unknown, key?: string): unknown => {
  if (typeof value === "string")
    return key === "name" || key === "reason" ? LONGEST : key === "match_id" ? `m${"x".repeat(127)}` : value;
  if (Array.isArray(value)) return value.map((v) => longest(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, longest(v, k)]));
  return value;
};

const derived: Derived = {
  score: { home: 10, away: 10 },
  teams: { home: { team_id: "FRA", name: LONGEST }, away: { team_id: "CRO", name: LONGEST } },
};
// Every language, loud and silent: the most renderings one event can have.
const recipients: Recipient[] = Array.from({ length: MAX_RECIPIENTS }, (_, i) => ({
  device_id: crypto.randomUUID(),
  locale: SUPPORTED_LOCALES[i % SUPPORTED_LOCALES.length]!,
  silent: i % 2 === 0,
}));

describe("a notifications message at its largest", () => {
  it(`carries ${MAX_RECIPIENTS} recipients of any event in under 128 KB`, () => {
    let largest = 0;
    let renderings = 0;
    for (const event of EVERY_EVENT) {
      const bodies = notificationsFor(longest(event) as PublishedEvent, derived, recipients, {
        baseUrl: `https://${"b".repeat(200)}.example`,
        routedAt: new Date(),
      });
      if (bodies.length === 0) continue;
      const groups = packNotifications(bodies, MAX_RECIPIENTS);
      expect(groups).toHaveLength(1);
      largest = Math.max(largest, sizeOf(groups[0]));
      renderings = Math.max(renderings, groups[0]!.payloads.length);
    }
    expect(renderings).toBe(SUPPORTED_LOCALES.length * 2);
    expect(largest).toBeLessThan(MESSAGE_LIMIT);
  });
});
