// The alert rules' SQL on known rows, against PostgreSQL and PGlite through the Neon driver, as the monitor runs it.
import { deadLetters, devices, eventArchive, notificationLog } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { measureDatabase } from "./measure.js";
import { evaluate } from "./rules.js";

const ago = (ms: number) => new Date(Date.now() - ms);

function event(
  seq: number,
  o: { publishedAgoMs: number; delayMs: number; enrichedAgoMs?: number; routed?: boolean },
) {
  const publishedAt = ago(o.publishedAgoMs);
  const occurredAt = new Date(publishedAt.getTime() - o.delayMs);
  const enrichedAt = o.enrichedAgoMs === undefined ? null : ago(o.enrichedAgoMs);
  return {
    eventId: crypto.randomUUID(),
    matchId: `alerts-${seq}`,
    sequenceNumber: seq,
    eventType: "SHOT",
    occurredAt,
    receivedAt: occurredAt,
    publishedAt,
    enrichedAt,
    routedAt: o.routed && enrichedAt ? enrichedAt : null,
    body: {},
  };
}

describe.each(BACKENDS)("alert measures on %s", (kind) => {
  const backend = useBackend(kind);

  beforeAll(async () => {
    await backend.run(async (db) => {
      // In the last minute: 100 events, 98 published in 100 ms and 2 in 5 s (the p99 lands between them).
      const recent = Array.from({ length: 100 }, (_, i) =>
        event(i, {
          publishedAgoMs: 10_000,
          delayMs: i < 98 ? 100 : 5_000,
          enrichedAgoMs: 9_000,
          routed: true,
        }),
      );
      // Enriched 2 minutes ago and never routed: a backlog. One from yesterday is a loss, not a backlog.
      const stuck = event(200, { publishedAgoMs: 121_000, delayMs: 100, enrichedAgoMs: 120_000 });
      const lost = event(201, { publishedAgoMs: 86_400_000, delayMs: 100, enrichedAgoMs: 86_400_000 });
      await db.insert(eventArchive).values([...recent, stuck, lost]);
      const [device] = await db
        .insert(devices)
        .values({ tokenHash: "alerts-measure", locale: "en" })
        .returning();
      const outcomes = ["delivered", "delivered", "delivered", "dead", "retrying", "pruned"] as const;
      await db.insert(notificationLog).values(
        recent.slice(0, outcomes.length).map((e, i) => ({
          eventId: e.eventId,
          deviceId: device!.id,
          matchId: e.matchId,
          status: outcomes[i]!,
          updatedAt: ago(5_000),
        })),
      );
      await db.insert(deadLetters).values([
        {
          queue: "notifications-dlq",
          sourceQueue: "notifications",
          messageId: "m-new",
          body: "{}",
          firstSeenAt: ago(5_000),
        },
        {
          queue: "notifications-dlq",
          sourceQueue: "notifications",
          messageId: "m-old",
          body: "{}",
          firstSeenAt: ago(600_000),
        },
      ]);
    });
  });

  it("measures the last window: publication delay p99, push outcomes, new dead letters, the oldest unrouted work", async () => {
    const m = await backend.run((db) => measureDatabase(db, 60));
    expect(m.publishDelayP99Ms).toBeGreaterThan(2_000);
    expect(m.publishDelayP99Ms).toBeLessThanOrEqual(5_000);
    expect(m.pushes).toEqual({ failed: 2, total: 6 });
    expect(m.deadLetters).toBe(1);
    expect(m.backlogAgeS).toBeGreaterThanOrEqual(119);
    expect(m.backlogAgeS).toBeLessThan(3_600);

    const rules = evaluate({ ...m, unarchived: 0 }, 60);
    expect(rules.publish_delay_p99.over).toBe(true);
    expect(rules.dead_letters_growing.over).toBe(true);
    expect(rules.backlog_age.over).toBe(true);
    expect(rules.push_failure_rate.over).toBe(false); // 6 attempts are too few to call a rate
  });

  it("finds nothing in a window that holds none of it", async () => {
    const m = await backend.run((db) => measureDatabase(db, 1));
    expect(m.publishDelayP99Ms).toBeNull();
    expect(m.pushes).toEqual({ failed: 0, total: 0 });
    expect(m.deadLetters).toBe(0);
  });

  it("counts a notification still queued as backlog from its routing, and outcomes only in their window", async () => {
    await backend.run(async (db) => {
      const [device] = await db
        .insert(devices)
        .values({ tokenHash: "alerts-measure-queued", locale: "en" })
        .returning();
      const row = (ageMs: number, status: "queued" | "dead") => ({
        eventId: crypto.randomUUID(),
        deviceId: device!.id,
        matchId: "alerts-queued",
        status,
        createdAt: ago(ageMs),
        updatedAt: ago(ageMs),
      });
      // Routed 3 minutes ago and not sent yet; one from two hours ago is a loss; a death 10 minutes ago is old news.
      await db
        .insert(notificationLog)
        .values([row(180_000, "queued"), row(7_200_000, "queued"), row(600_000, "dead")]);
    });
    const m = await backend.run((db) => measureDatabase(db, 60));
    expect(m.backlogAgeS).toBeGreaterThanOrEqual(180);
    expect(m.backlogAgeS).toBeLessThan(240);
    expect(m.pushes).toEqual({ failed: 2, total: 6 });
  });
});
