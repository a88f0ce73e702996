// The analytics read against both local backends (PostgreSQL and PGlite), through the Neon driver and the dev
// proxy as the Worker reaches them.

import { eventArchive } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { card, eventId, goal, shot } from "@buzz/schema/testing";
import { describe, expect, it } from "vitest";
import { derivedOf } from "./store.js";

describe.each(BACKENDS)("derivedOf on %s", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;

  it("reads what enrichment derived for the events asked about, and nothing for the others", async () => {
    const match = `m-analytics-${kind}`;
    const penalty = goal(1, { home: 1, away: 0 }, {}, { match_id: match });
    const chance = shot(2, { x: 90, y: 50 }, { match_id: match });
    const notYet = card(3, "YELLOW", { match_id: match });
    const otherMatch = shot(1, { x: 80, y: 40 }, { match_id: `${match}-other` });
    const row = (e: typeof penalty | typeof chance | typeof notYet, derived: unknown) => ({
      eventId: e.event_id,
      matchId: e.match_id,
      sequenceNumber: e.sequence_number,
      eventType: e.event_type,
      occurredAt: new Date(e.occurred_at),
      receivedAt: new Date(e.received_at),
      publishedAt: new Date(e.published_at),
      body: e,
      derived,
    });
    const penaltyDerived = {
      expected_goals: 0.76,
      shot_distance_m: 11,
      win_probability: { home: 0.8, draw: 0.15, away: 0.05 },
      score: { home: 1, away: 0 },
    };
    await run((db) =>
      db.insert(eventArchive).values([
        row(penalty, penaltyDerived),
        row(chance, { expected_goals: 0.1834, shot_distance_m: 10.5 }),
        // Archived by a consumer that has not derived it yet.
        row(notYet, null),
        row(otherMatch, { expected_goals: 0.05 }),
      ]),
    );

    const unknown = eventId();
    const derived = await run((db) =>
      derivedOf(db, [penalty.event_id, chance.event_id, notYet.event_id, unknown]),
    );

    expect([...derived.keys()].sort()).toEqual([penalty.event_id, chance.event_id].sort());
    expect(derived.get(penalty.event_id)).toEqual(penaltyDerived);
    expect(derived.get(chance.event_id)).toEqual({ expected_goals: 0.1834, shot_distance_m: 10.5 });
    expect(await run((db) => derivedOf(db, []))).toEqual(new Map());
  });
});
