import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { getJson, postEvents, putFixture, readLog } from "./http.js";
import { waitForLockWaiters } from "./locks.js";
import { createMatch, distinctShots, periodStarted, smallFixture, uniqueMatchId } from "./match.js";
import { range } from "./wait.js";

/** Deterministic Fisher-Yates, so a failing order can be reproduced. */
function shuffle<T>(items: T[], seed = 2018): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("concurrent ingest into one match", () => {
  it("200 requests at once, a third of them duplicates: the log is 1..N with no event twice", async () => {
    const id = await createMatch("concurrent");
    expect((await postEvents(id, periodStarted())).status).toBe(202);

    const distinct = distinctShots(134);
    const resent = range(0, 65); // 66 of them sent a second time, same body
    const sends = shuffle([...distinct.map((_, i) => i), ...resent]);
    expect(sends).toHaveLength(200);

    const responses = await Promise.all(
      sends.map(async (i) => ({ i, res: await postEvents(id, distinct[i]) })),
    );

    const byEvent = new Map<number, any[]>();
    for (const { i, res } of responses) {
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.results).toHaveLength(1);
      byEvent.set(i, [...(byEvent.get(i) ?? []), res.body.results[0]]);
    }
    for (const [i, results] of byEvent) {
      // Whichever copy arrived first is the original; the other is a duplicate pointing at it.
      expect(
        results.filter((r) => r.status === "sequenced"),
        `event ${i}`,
      ).toHaveLength(1);
      expect(
        results.filter((r) => r.status === "duplicate"),
        `event ${i}`,
      ).toHaveLength(results.length - 1);
      expect(new Set(results.map((r) => `${r.event_id}#${r.sequence_number}`)).size, `event ${i}`).toBe(1);
    }

    const n = 1 + distinct.length;
    const log = await readLog(id);
    expect(log.map((e) => e.sequence_number)).toEqual(range(1, n));
    expect(new Set(log.map((e) => e.event_id)).size).toBe(n);
    expect(new Set(log.map((e) => e.metadata.idempotency_key)).size).toBe(n);
    const sequenced = [...byEvent.values()].map((rs) => rs[0].event_id).sort();
    expect(
      log
        .slice(1)
        .map((e) => e.event_id)
        .sort(),
    ).toEqual(sequenced);
    expect((await getJson(`/v1/matches/${id}`)).body.last_sequence).toBe(n);
  });
});

describe("concurrent fixtures", () => {
  it("two fixtures naming the same teams in opposite orders, PUT at once: both are written, no deadlock", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const team = (id: string) => ({
      team_id: id,
      name: id,
      players: [1, 2].map((n) => ({ player_id: `${id}-p${n}`, name: `${id} ${n}` })),
    });
    const [one, two] = [team(`T1-${tag}`), team(`T2-${tag}`)];
    const first = { id: uniqueMatchId("leg-1"), fixture: { ...smallFixture(), home: one, away: two } };
    // Another competition (a friendly after the league match): the competition's row would otherwise line them up.
    const second = {
      id: uniqueMatchId("leg-2"),
      fixture: {
        ...smallFixture(),
        competition: { id: `friendly-${tag}`, name: "Friendly" },
        home: two,
        away: one,
      },
    };
    for (const m of [first, second]) expect((await putFixture(m.id, m.fixture)).status).toBe(201);

    // On PostgreSQL, a session of the test holds the first team's row; each PUT is let in only once the previous
    // one waits, so both are at their team rows when it lets go. (PGlite serves one session at a time.)
    const session =
      inject("databaseKind") === "postgres"
        ? new pg.Client({ connectionString: inject("databaseUrl") })
        : null;
    const puts: Promise<{ status: number; body: unknown }>[] = [];
    if (session) {
      await session.connect();
      await session.query("begin");
      await session.query("select id from teams where id = $1 for update", [one.team_id]);
    }
    try {
      for (const [i, m] of [first, second].entries()) {
        puts.push(putFixture(m.id, m.fixture));
        if (session) await waitForLockWaiters(session, i + 1);
      }
    } finally {
      await session?.query("rollback");
      await session?.end();
    }
    const answers = await Promise.all(puts);
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers.map((a) => a.body)),
    ).toEqual([200, 200]);
  });
});
