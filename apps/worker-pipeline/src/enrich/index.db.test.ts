// The match-events consumer against both local backends (Neon driver through the dev proxy), with fake queues.

import { competitions, eq, eventArchive, matches, sql, teams } from "@buzz/db";
import { BACKENDS, testContext, useBackend } from "@buzz/db/testing";
import type { EnrichedMessage } from "@buzz/queue";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  card,
  DOWN,
  type FakeMessage,
  FakeQueue,
  fakeBatch,
  fakeMessage,
  goal,
  halfTime,
  outcomesOf,
  published,
  shot,
  testEnv,
} from "../testing/fakes.js";
import { enrich } from "./index.js";

afterEach(() => vi.restoreAllMocks());
const quiet = () => {
  for (const level of ["log", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation(() => {});
};

describe.each(BACKENDS)("enrich on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;

  async function consume(messages: FakeMessage[], env = backend.env, vars: Record<string, string> = {}) {
    quiet();
    const queues = { ENRICHED: new FakeQueue(), MATCH_EVENTS_DLQ: new FakeQueue() };
    const ctx = testContext();
    await enrich(
      fakeBatch("match-events", messages),
      testEnv(env, queues, vars),
      ctx as unknown as ExecutionContext,
    );
    await ctx.settle();
    return {
      ...queues,
      enriched: queues.ENRICHED.sent as EnrichedMessage[],
      letters: queues.MATCH_EVENTS_DLQ.sent as Record<string, unknown>[],
    };
  }
  const archived = (eventId: string) =>
    run(async (db) => (await db.select().from(eventArchive).where(eq(eventArchive.eventId, eventId)))[0]);

  it("derives, archives and forwards each event, carrying the score from event to event", async () => {
    const match = `m-derive-${kind}`;
    const penalty = goal(1, { home: 1, away: 0 }, {}, { match_id: match });
    const chance = shot(2, { x: 90, y: 50 }, { match_id: match });
    const booking = card(3, "YELLOW", { match_id: match });
    const own = goal(
      4,
      { home: 2, away: 0 },
      { goal_type: "OWN_GOAL", scorer: { player_id: "CRO-mandzukic", name: "Mario Mandžukić" } },
      { match_id: match },
    );
    // Delivered out of order: derivation follows the sequence numbers.
    const messages = [own, booking, penalty, chance].map((e, i) => fakeMessage(`m${i}`, e));

    const { enriched, letters } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ m0: "ack", m1: "ack", m2: "ack", m3: "ack" });
    expect(letters).toEqual([]);
    expect(enriched.map((m) => m.event.sequence_number)).toEqual([1, 2, 3, 4]);
    const [p, s, c, o] = enriched.map((m) => m.derived);
    expect(p).toMatchObject({ expected_goals: 0.76, shot_distance_m: 11, score: { home: 1, away: 0 } });
    expect(s!.expected_goals).toBeGreaterThan(0.1);
    expect(s!.expected_goals).toBeLessThan(0.3);
    expect(s!.shot_distance_m).toBe(10.5);
    expect(c).toMatchObject({ score: { home: 1, away: 0 } });
    expect(c!.expected_goals).toBeUndefined();
    expect(o!.expected_goals).toBeUndefined();
    expect(o!.score).toEqual({ home: 2, away: 0 });
    for (const d of [p, s, c, o]) {
      const w = d!.win_probability!;
      expect(w.home + w.draw + w.away).toBeCloseTo(1, 9);
      expect(w.home).toBeGreaterThan(w.away);
    }
    expect(o!.win_probability!.home).toBeGreaterThan(c!.win_probability!.home);

    const row = await archived(penalty.event_id);
    expect(row).toMatchObject({
      matchId: match,
      sequenceNumber: 1,
      eventType: "GOAL_SCORED",
      body: penalty,
      derived: p,
      routedAt: null,
    });
    expect(row!.enrichedAt!.toISOString()).toBe(enriched[0]!.enriched_at);
  });

  it("takes the score of earlier batches from the archive, and the teams from the fixture", async () => {
    const match = `m-context-${kind}`;
    await run(async (db) => {
      await db
        .insert(competitions)
        .values({ id: "wc-2018", name: "FIFA World Cup 2018" })
        .onConflictDoNothing();
      await db
        .insert(teams)
        .values([
          { id: "FRA", name: "France" },
          { id: "CRO", name: "Croatia" },
        ])
        .onConflictDoNothing();
      await db.insert(matches).values({
        id: match,
        competitionId: "wc-2018",
        homeTeamId: "FRA",
        awayTeamId: "CRO",
        kickoffAt: new Date(),
      });
    });
    await consume([fakeMessage("g", goal(5, { home: 2, away: 1 }, {}, { match_id: match }))]);
    // A goal of another run of the same match id, published earlier with a higher number, must not count.
    await consume([
      fakeMessage(
        "old",
        goal(9, { home: 0, away: 4 }, {}, { match_id: match, published_at: "2020-01-01T00:00:00.000Z" }),
      ),
    ]);

    const { enriched } = await consume([fakeMessage("ht", halfTime(7, { match_id: match }))]);

    expect(enriched[0]!.derived).toMatchObject({
      score: { home: 2, away: 1 },
      teams: { home: { team_id: "FRA", name: "France" }, away: { team_id: "CRO", name: "Croatia" } },
    });
    expect(enriched[0]!.derived.win_probability!.home).toBeGreaterThan(0.6);
  });

  it("rebuilds derived data when an event comes again (a replay), and forwards it again", async () => {
    const event = shot(1, { x: 80, y: 40 }, { match_id: `m-replay-${kind}` });
    const first = await consume([fakeMessage("a", event)]);
    await run((db) =>
      db
        .update(eventArchive)
        .set({ derived: { stale: true }, enrichedAt: new Date("2020-01-01T00:00:00Z") })
        .where(eq(eventArchive.eventId, event.event_id)),
    );

    const again = [fakeMessage("b", event), fakeMessage("c", event)];
    const second = await consume(again);

    expect(outcomesOf(again)).toEqual({ b: "ack", c: "ack" });
    expect(second.enriched).toHaveLength(1);
    const row = await archived(event.event_id);
    expect(row!.derived).toEqual(first.enriched[0]!.derived);
    expect(row!.enrichedAt!.getTime()).toBeGreaterThan(new Date("2020-01-02").getTime());
    expect(await run((db) => db.$count(eventArchive, eq(eventArchive.eventId, event.event_id)))).toBe(1);
  });

  it("dead-letters poison and acks it; retries it if the dead-letter queue is down", async () => {
    const good = shot(1, null, { match_id: `m-poison-${kind}` });
    const notV7 = { ...good, event_id: "3b241101-e2bb-4255-8caf-4136c566a962" };
    const messages = [
      fakeMessage("ok", good),
      fakeMessage("poison", notV7, 2),
      fakeMessage("garbage", "not an event"),
    ];

    const { enriched, letters } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ ok: "ack", poison: "ack", garbage: "ack" });
    expect(enriched.map((m) => m.event.event_id)).toEqual([good.event_id]);
    expect(letters.map((l) => [l.message_id, l.reason])).toEqual(
      expect.arrayContaining([
        ["poison", "invalid_event"],
        ["garbage", "invalid_event"],
      ]),
    );
    expect(letters.find((l) => l.message_id === "poison")).toMatchObject({
      queue: "match-events",
      attempts: 2,
      body: notV7,
      issues: [{ path: ["event_id"] }],
    });
    expect(await archived(notV7.event_id)).toBeUndefined();

    quiet();
    const queues = { ENRICHED: new FakeQueue(), MATCH_EVENTS_DLQ: new FakeQueue() };
    queues.MATCH_EVENTS_DLQ.failures = 1;
    const stuck = [fakeMessage("poison", notV7, 3)];
    await enrich(
      fakeBatch("match-events", stuck),
      testEnv(backend.env, queues),
      testContext() as unknown as ExecutionContext,
    );
    expect(outcomesOf(stuck)).toEqual({ poison: "retry" });
  });

  it("dead-letters an event Postgres refuses to store, and archives the rest of the batch", async () => {
    const match = `m-nul-${kind}`;
    const fine = [card(1, "YELLOW", { match_id: match }), card(3, "RED", { match_id: match })];
    const nul = card(2, "YELLOW", { match_id: match, operator_id: "op\u0000" });
    const messages = [fakeMessage("a", fine[0]), fakeMessage("nul", nul), fakeMessage("b", fine[1])];

    const { enriched, letters } = await consume(messages);

    expect(outcomesOf(messages)).toEqual({ a: "ack", nul: "ack", b: "ack" });
    expect(enriched.map((m) => m.event.event_id)).toEqual(fine.map((e) => e.event_id));
    expect(letters).toEqual([
      expect.objectContaining({
        reason: "unstorable_event",
        message_id: "nul",
        issues: [expect.objectContaining({ code: expect.stringMatching(/^22/) })],
      }),
    ]);
    expect(await archived(nul.event_id)).toBeUndefined();
    expect(await archived(fine[1]!.event_id)).toBeDefined();
  });

  it("retries every message with backoff when Postgres stays down past the hold, and forwards them once it is back", async () => {
    const events = [
      shot(1, { x: 85, y: 45 }, { match_id: `m-down-${kind}` }),
      card(2, "YELLOW", { match_id: `m-down-${kind}` }),
    ];
    const first = events.map((e, i) => fakeMessage(`d${i}`, e, 1));

    const down = await consume(first, { ...backend.env, ...DOWN }, { POSTGRES_OUTAGE_HOLD_SECONDS: "1" });

    expect(outcomesOf(first)).toEqual({ d0: "retry", d1: "retry" });
    for (const m of first)
      expect(
        (m.outcomes[0] as { retry: { delaySeconds: number } }).retry.delaySeconds,
      ).toBeGreaterThanOrEqual(1);
    expect(down.enriched).toEqual([]);
    expect(down.letters).toEqual([]);

    const later = events.map((e, i) => fakeMessage(`d${i}`, e, 5));
    const back = await consume(later);
    expect(outcomesOf(later)).toEqual({ d0: "ack", d1: "ack" });
    expect(back.enriched.map((m) => m.event.event_id)).toEqual(events.map((e) => e.event_id));
  });

  it("holds the batch through a short outage and goes on when Postgres answers again: no retry, no attempt spent", async () => {
    const events = [
      goal(1, { home: 1, away: 0 }, {}, { match_id: `m-blip-${kind}` }),
      card(2, "YELLOW", { match_id: `m-blip-${kind}` }),
    ];
    const messages = events.map((e, i) => fakeMessage(`b${i}`, e, 1));
    backend.proxy.pause();
    let resumedAt = Number.POSITIVE_INFINITY;
    const back = setTimeout(() => {
      resumedAt = Date.now();
      backend.proxy.resume();
    }, 1_500);
    try {
      const { enriched } = await consume(messages, backend.env, { POSTGRES_OUTAGE_HOLD_SECONDS: "20" });

      expect(outcomesOf(messages)).toEqual({ b0: "ack", b1: "ack" });
      expect(enriched.map((m) => m.event.event_id)).toEqual(events.map((e) => e.event_id));
      // Enriched when it was archived, not when the held invocation began.
      expect((await archived(events[1]!.event_id))!.enrichedAt!.getTime()).toBeGreaterThanOrEqual(resumedAt);
    } finally {
      clearTimeout(back);
      backend.proxy.resume();
    }
  });

  it("retries what could not be forwarded; the archive already has it", async () => {
    const event = card(1, "RED", { match_id: `m-sendfail-${kind}` });
    quiet();
    const queues = { ENRICHED: new FakeQueue(), MATCH_EVENTS_DLQ: new FakeQueue() };
    queues.ENRICHED.failures = 1;
    const messages = [fakeMessage("x", event)];
    const ctx = testContext();
    await enrich(
      fakeBatch("match-events", messages),
      testEnv(backend.env, queues),
      ctx as unknown as ExecutionContext,
    );
    await ctx.settle();

    expect(outcomesOf(messages)).toEqual({ x: "retry" });
    expect(await archived(event.event_id)).toBeDefined();
  });

  it("sends a full batch of big events in groups within the limits", async () => {
    const match = `m-big-${kind}`;
    const long = "x".repeat(6_000);
    const events = Array.from({ length: 100 }, (_, i) =>
      published(
        "SUBSTITUTION",
        i + 1,
        {
          team: { side: "HOME", team_id: "FRA", name: "France" },
          match_minute: 60,
          stoppage_minute: 0,
          match_period: "SECOND_HALF",
          player_out: { player_id: "FRA-a", name: long },
          player_in: { player_id: "FRA-b", name: "B" },
        },
        { match_id: match },
      ),
    );
    const messages = events.map((e, i) => fakeMessage(`s${i}`, e));

    const { ENRICHED, enriched } = await consume(messages);

    expect(Object.values(outcomesOf(messages)).every((o) => o === "ack")).toBe(true);
    expect(enriched.map((m) => m.event.sequence_number)).toEqual(events.map((e) => e.sequence_number));
    // ~6.6 KB each: 100 of them are over 256 000 bytes, so they take several sendBatch calls (the fake enforces the limits).
    expect(ENRICHED.batches.length).toBeGreaterThan(2);
    expect(ENRICHED.batches.flat()).toHaveLength(100);
    expect(
      await run(
        async (db) =>
          (
            await db.execute<{ n: number }>(
              sql`select count(*)::int as n from event_archive where match_id = ${match}`,
            )
          ).rows[0]!.n,
      ),
    ).toBe(100);
  });
});
