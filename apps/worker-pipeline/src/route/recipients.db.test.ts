// The routing statement against both local backends, through the dev proxy and the Neon driver.

import { and, eq, eventArchive, notificationLog, sql } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { bypassesMatchCap } from "@buzz/notifications";
import type { Derived } from "@buzz/queue";
import type { PublishedEvent } from "@buzz/schema/contract";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { card, goal, shot, substitution } from "../testing/fakes.js";
import { addDevice } from "../testing/route.js";
import {
  MAX_NOTIFICATIONS_PER_MATCH,
  markRoutedSql,
  routeEvents,
  routeRecipients,
  routingLock,
  routingStatement,
  targetsOf,
} from "./recipients.js";

const TEAMS: Derived = {
  teams: { home: { team_id: "FRA", name: "France" }, away: { team_id: "CRO", name: "Croatia" } },
};
const MATCH = "wc2018-final";

describe.each(BACKENDS)("the routing statement on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;
  const routeTo = (
    event: PublishedEvent,
    options: { resend?: boolean; derived?: Derived; partitions?: number } = {},
  ) =>
    run(async (db) =>
      (
        await routeRecipients(
          db,
          event,
          targetsOf(event, options.derived ?? TEAMS),
          { bypassCap: bypassesMatchCap(event), resend: options.resend ?? false, routedAt: new Date() },
          options.partitions,
        )
      )
        .map((r) => r.device_id)
        .sort(),
    );
  /** The device's notifications of the match so far: what its cap counts. */
  const quotaOf = (device: string, match = MATCH) =>
    run((db) =>
      db.$count(
        notificationLog,
        and(eq(notificationLog.deviceId, device), eq(notificationLog.matchId, match)),
      ),
    );
  /** `count` notifications of earlier events of the match, already delivered to the device. */
  const notifiedBefore = (device: string, count: number) =>
    run((db) =>
      db.insert(notificationLog).values(
        Array.from({ length: count }, () => ({
          eventId: crypto.randomUUID(),
          deviceId: device,
          matchId: MATCH,
          status: "delivered" as const,
        })),
      ),
    );

  beforeEach(() =>
    run((db) => db.execute(sql`truncate devices, notification_log, processed_events, event_archive cascade`)),
  );

  it("reaches followers of the match, the competition, either team and a named player — once each, subscribed only", async () => {
    const fans = await run(async (db) => ({
      match: await addDevice(db, { follows: [["match", MATCH]] }),
      competition: await addDevice(db, { follows: [["competition", "wc-2018"]] }),
      france: await addDevice(db, { follows: [["team", "FRA"]] }),
      croatia: await addDevice(db, { follows: [["team", "CRO"]] }),
      scorer: await addDevice(db, { follows: [["player", "FRA-griezmann"]] }),
      everything: await addDevice(db, {
        follows: [
          ["team", "FRA"],
          ["player", "FRA-griezmann"],
          ["match", MATCH],
          ["competition", "wc-2018"],
        ],
      }),
      elsewhere: await addDevice(db, {
        follows: [
          ["team", "ESP"],
          ["player", "ESP-ramos"],
          ["match", "other"],
          ["competition", "euro-2016"],
        ],
      }),
      unsubscribed: await addDevice(db, { follows: [["team", "FRA"]], subscribed: false }),
    }));

    const reached = await routeTo(goal(9, { home: 1, away: 0 }));

    const { elsewhere, unsubscribed, ...expected } = fans;
    expect(reached).toEqual(Object.values(expected).sort());
    expect(reached).not.toContain(elsewhere);
    expect(reached).not.toContain(unsubscribed);
    // Logged once per device, counted once per device.
    expect(await run((db) => db.$count(notificationLog))).toBe(6);
    expect(await quotaOf(fans.everything)).toBe(1);
  });

  it("without the fixture, reaches the acting team's fans but not the other team's", async () => {
    const [france, croatia] = await run(async (db) => [
      await addDevice(db, { follows: [["team", "FRA"]] }),
      await addDevice(db, { follows: [["team", "CRO"]] }),
    ]);
    expect(await routeTo(goal(9, { home: 1, away: 0 }), { derived: {} })).toEqual([france]);
    // A Croatian player's card names him, and the card is Croatia's.
    expect(await routeTo(card(10, "YELLOW"), { derived: {} })).toEqual([croatia]);
  });

  it("sends nothing twice for an event: a redelivery resends only pushes still queued, a routed event nothing", async () => {
    const [a, b] = await run(async (db) => [
      await addDevice(db, { follows: [["team", "FRA"]] }),
      await addDevice(db, { follows: [["team", "FRA"]] }),
    ]);
    const event = goal(9, { home: 1, away: 0 });

    expect(await routeTo(event)).toEqual([a, b].sort());
    expect(await routeTo(event)).toEqual([]);
    // Dispatch delivered b's; a's may never have reached the queue.
    await run((db) =>
      db
        .update(notificationLog)
        .set({ status: "delivered" })
        .where(and(eq(notificationLog.eventId, event.event_id), eq(notificationLog.deviceId, b))),
    );
    expect(await routeTo(event, { resend: true })).toEqual([a]);
    await run((db) => db.execute(markRoutedSql([event.event_id])!));
    expect(await routeTo(event, { resend: true })).toEqual([]);

    expect(await run((db) => db.$count(notificationLog, eq(notificationLog.eventId, event.event_id)))).toBe(
      2,
    );
    expect(await quotaOf(a!)).toBe(1);
  });

  it("caps a device at 10 notifications per match; critical events pass the cap and still count", async () => {
    // Substitutions (off by default) are the cheap, non-critical events these fans asked for.
    const preferences = { categories: { substitutions: true } };
    const [fan, other] = await run(async (db) => [
      await addDevice(db, {
        follows: [
          ["match", MATCH],
          ["match", "m2"],
        ],
        preferences,
      }),
      await addDevice(db, { follows: [["match", MATCH]], preferences }),
    ]);
    for (let i = 1; i <= MAX_NOTIFICATIONS_PER_MATCH; i++)
      expect(await routeTo(substitution(i))).toEqual([fan, other].sort());
    await run((db) => db.delete(notificationLog).where(eq(notificationLog.deviceId, other)));
    await notifiedBefore(other!, 3);

    expect(await routeTo(card(11, "YELLOW"))).toEqual([other]);
    expect(await routeTo(goal(12, { home: 1, away: 0 }))).toEqual([fan, other].sort());
    expect(await routeTo(card(13, "RED"))).toEqual([fan, other].sort());
    expect(await routeTo(substitution(14))).toEqual([other]);
    // Another match has its own count.
    expect(await routeTo(substitution(1, { match_id: "m2" }))).toEqual([fan]);

    expect(await quotaOf(fan)).toBe(12);
    expect(await quotaOf(other)).toBe(7);
    expect(await quotaOf(fan, "m2")).toBe(1);
  });

  it("routes a batch's events in one go, in the order given: each starts from what the one before it counted", async () => {
    const substitutions = { categories: { substitutions: true } };
    const [fan, other] = await run(async (db) => [
      await addDevice(db, {
        follows: [
          ["match", MATCH],
          ["match", "m2"],
        ],
        preferences: substitutions,
      }),
      await addDevice(db, { follows: [["match", "m2"]], preferences: substitutions }),
    ]);
    await notifiedBefore(fan!, MAX_NOTIFICATIONS_PER_MATCH - 1);
    const events = [
      substitution(20),
      substitution(21),
      substitution(1, { match_id: "m2" }),
      goal(22, { home: 1, away: 0 }),
    ];

    const routed = await run((db) =>
      routeEvents(
        db,
        events.map((event) => ({
          event,
          targets: targetsOf(event, TEAMS),
          options: { bypassCap: bypassesMatchCap(event), resend: false, routedAt: new Date() },
        })),
      ),
    );

    // The 10th place goes to the first substitution; the second finds the cap; the goal passes it.
    expect(routed.map((rows) => rows.map((r) => r.device_id).sort())).toEqual([
      [fan],
      [],
      [fan, other].sort(),
      [fan],
    ]);
    expect(await quotaOf(fan!)).toBe(MAX_NOTIFICATIONS_PER_MATCH + 1);
    expect(await quotaOf(fan!, "m2")).toBe(1);
    // The 9 notifications before, and one for each device routed.
    expect(await run((db) => db.$count(notificationLog))).toBe(MAX_NOTIFICATIONS_PER_MATCH - 1 + 4);
  });

  it("holds the cap when two events race for a device's last place", async () => {
    const fan = await run((db) =>
      addDevice(db, { follows: [["match", MATCH]], preferences: { categories: { substitutions: true } } }),
    );
    await notifiedBefore(fan, MAX_NOTIFICATIONS_PER_MATCH - 1);

    const results = await Promise.all([routeTo(substitution(20)), routeTo(substitution(21))]);

    expect(results.flat()).toEqual([fan]);
    expect(await quotaOf(fan)).toBe(MAX_NOTIFICATIONS_PER_MATCH);
  });

  // Devices on and next to the edges of the parts' ranges, for 2, 3 and 4 parts, and at both ends of the uuids.
  const EDGES = [
    "00000000-0000-0000-0000-000000000000",
    "3fffffff-ffff-ffff-ffff-ffffffffffff",
    "40000000-0000-0000-0000-000000000000",
    "55555554-ffff-ffff-ffff-ffffffffffff",
    "55555555-0000-0000-0000-000000000000",
    "7fffffff-ffff-ffff-ffff-ffffffffffff",
    "80000000-0000-0000-0000-000000000000",
    "aaaaaaaa-0000-0000-0000-000000000000",
    "c0000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
  ];

  it("routes in parts that reach every device once, edges of the parts included, and count it once an event", async () => {
    await run(async (db) => {
      for (const id of EDGES) await addDevice(db, { id, follows: [["team", "FRA"]] });
    });

    for (const [i, partitions] of [1, 2, 3, 4].entries())
      expect(await routeTo(card(20 + i, "YELLOW"), { partitions })).toEqual(EDGES);

    for (const id of EDGES) expect(await quotaOf(id)).toBe(4);
    expect(await run((db) => db.$count(notificationLog))).toBe(4 * EDGES.length);
  });

  it("holds every device's cap when two events routed in parts race for their last places", async () => {
    for (const id of EDGES) {
      await run((db) => addDevice(db, { id, follows: [["team", "FRA"]] }));
      await notifiedBefore(id, MAX_NOTIFICATIONS_PER_MATCH - 1);
    }

    const results = await Promise.all([
      routeTo(card(20, "YELLOW"), { partitions: 3 }),
      routeTo(card(21, "YELLOW"), { partitions: 3 }),
    ]);

    expect(results.flat().sort()).toEqual(EDGES);
    for (const id of EDGES) expect(await quotaOf(id)).toBe(MAX_NOTIFICATIONS_PER_MATCH);
  });

  it("when one part committed and another did not, the redelivery hands back the first's and routes the other's", async () => {
    const [early, late] = await run(async (db) => [
      await addDevice(db, { id: EDGES[1], follows: [["team", "FRA"]] }),
      await addDevice(db, { id: EDGES[8], follows: [["team", "FRA"]] }),
    ]);
    const event = card(20, "YELLOW");
    const options = { bypassCap: false, resend: false, routedAt: new Date() };
    // Part 0 of 2 alone, as when part 1's transaction failed.
    await run((db) =>
      db.transaction((tx) =>
        tx.execute(routingStatement(event, targetsOf(event, TEAMS), options, { index: 0, of: 2 })),
      ),
    );

    expect(await routeTo(event, { resend: true, partitions: 2 })).toEqual([early, late]);
    expect(await quotaOf(early!)).toBe(1);
    expect(await quotaOf(late!)).toBe(1);
    expect(await run((db) => db.$count(notificationLog))).toBe(2);
  });

  it("sets routed_at on the archived event", async () => {
    const event = shot(3, { x: 90, y: 50 });
    await run((db) =>
      db.insert(eventArchive).values({
        eventId: event.event_id,
        matchId: MATCH,
        sequenceNumber: 3,
        eventType: "SHOT",
        occurredAt: new Date(),
        receivedAt: new Date(),
        publishedAt: new Date(),
        body: event,
      }),
    );
    const before = Date.now();
    await routeTo(event);
    const row = (
      await run((db) => db.select().from(eventArchive).where(eq(eventArchive.eventId, event.event_id)))
    )[0]!;
    expect(row.routedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("the routing locks on postgres", () => {
  const backend = useBackend("postgres");
  const run = backend.run;
  const routingOf = (event: PublishedEvent) => ({
    event,
    targets: targetsOf(event, TEAMS),
    options: { bypassCap: false, resend: false, routedAt: new Date() },
  });
  const waitingForLocks = () =>
    run(async (db) => {
      const { rows } = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      );
      return rows[0]!.n;
    });

  it("two batches that name the same matches in opposite orders take their locks in one order: no deadlock", async () => {
    // Which match's key comes first in the lock order.
    const [low, high] = (
      await run((db) =>
        db.execute<{ match: string }>(sql`
          select match from (values ('m-a'), ('m-b')) m (match)
          order by hashtextextended('route:' || match || ':0/1', 0)`),
      )
    ).rows.map((r) => r.match);
    const eventOf = (match: string, n: number) => card(n, "YELLOW", { match_id: match });
    let holding!: () => void;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // Another consumer holds the later match, so the first batch waits with whatever it took before that.
    const blocker = run((db) =>
      db.transaction(async (tx) => {
        await tx.execute(routingLock([high!], { index: 0, of: 1 }));
        holding();
        await released;
      }),
    );
    await held;
    // One part, so that the blocker's one lock stands in every part's way.
    const first = run((db) =>
      routeEvents(db, [routingOf(eventOf(high!, 1)), routingOf(eventOf(low!, 2))], 1),
    );
    await vi.waitFor(async () => expect(await waitingForLocks()).toBe(1));
    const second = run((db) =>
      routeEvents(db, [routingOf(eventOf(low!, 3)), routingOf(eventOf(high!, 4))], 1),
    );
    await vi.waitFor(async () => expect(await waitingForLocks()).toBe(2));
    release();

    // Taken in the order given, the first would hold `high` and wait for `low`, which the second holds while it
    // waits for `high`: Postgres would end one of them with "deadlock detected".
    await expect(Promise.all([blocker, first, second])).resolves.toHaveLength(3);
  });
});

describe("targets of an event", () => {
  it("names the match, competition, both fixture teams, the acting team and every named player, once each", () => {
    const amended = goal(9, { home: 1, away: 0 }, { assist: { player_id: "FRA-pogba", name: "Paul Pogba" } });
    expect(targetsOf(amended, TEAMS)).toEqual([
      { kind: "match", id: MATCH },
      { kind: "competition", id: "wc-2018" },
      { kind: "team", id: "FRA" },
      { kind: "team", id: "CRO" },
      { kind: "player", id: "FRA-griezmann" },
      { kind: "player", id: "FRA-pogba" },
    ]);
    expect(
      targetsOf(substitution(1), {})
        .filter((t) => t.kind === "player")
        .map((t) => t.id),
    ).toEqual(["FRA-pogba", "FRA-griezmann"]);
  });
});
