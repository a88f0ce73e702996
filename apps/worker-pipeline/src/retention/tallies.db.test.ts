// The tallies' fold against both local backends: old seconds become hours, sums stay, recent seconds stay.
import { sql, TALLY_SECONDS_KEPT_S } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { foldTallies } from "./tallies.js";

const NOW = new Date("2026-07-20T12:00:00.000Z");
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
const KEPT = TALLY_SECONDS_KEPT_S;

describe.each(BACKENDS)("the tallies' fold on %s", (kind) => {
  const { run } = useBackend(kind);

  const tally = (second: string, status: string, shard: number, notifications: number, retried = 0) =>
    run((db) =>
      db.execute(sql`insert into notification_tallies (second, status, shard, notifications, retried)
        values (${second}::timestamptz, ${status}, ${shard}, ${notifications}, ${retried})`),
    );
  const rows = () =>
    run(async (db) => {
      const { rows } = await db.execute<{
        s: string;
        status: string;
        shard: number;
        n: number;
        r: number;
      }>(sql`
        select to_char(second at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as s, status, shard,
          notifications::int as n, retried::int as r
        from notification_tallies order by second, status, shard`);
      return rows.map((x) => [x.s, x.status, Number(x.shard), Number(x.n), Number(x.r)]);
    });

  beforeEach(() => run((db) => db.execute(sql`truncate notification_log`)));

  it("folds seconds older than it keeps into one row per hour and status, and keeps the recent ones", async () => {
    // Two seconds of one hour (09:59 is in the hour before), across shards; a shard's row may be negative.
    await tally(secondsAgo(KEPT + 60), "delivered", 3, 7, 2); // 09:59:00
    await tally(secondsAgo(KEPT + 1), "delivered", 5, 4, 1); // 09:59:59
    await tally(secondsAgo(KEPT + 1), "queued", 5, -4); // moved on from queued
    await tally(secondsAgo(KEPT + 3_600 * 2 + 1), "queued", 1, 4); // 07:59:59, the same row's routing
    await tally(secondsAgo(KEPT - 1), "delivered", 2, 5); // 10:00:01: kept
    await tally(secondsAgo(KEPT), "delivered", 1, 1); // 10:00:00: the cut-off second itself is kept

    expect(await run((db) => foldTallies(db, NOW))).toBe(4);
    expect(await rows()).toEqual([
      ["2026-07-20T07:00:00", "queued", 0, 4, 0],
      ["2026-07-20T09:00:00", "delivered", 0, 11, 3],
      ["2026-07-20T09:00:00", "queued", 0, -4, 0],
      ["2026-07-20T10:00:00", "delivered", 1, 1, 0],
      ["2026-07-20T10:00:01", "delivered", 2, 5, 0],
    ]);
    // Nothing more to fold: a second run changes nothing.
    expect(await run((db) => foldTallies(db, NOW))).toBe(0);
    expect(await rows()).toHaveLength(5);
  });

  it("drops an hour that came to nothing", async () => {
    await tally(secondsAgo(KEPT + 10), "queued", 4, 6);
    await tally(secondsAgo(KEPT + 5), "queued", 9, -6);
    await tally(secondsAgo(KEPT + 5), "dead", 9, 6, 1);

    expect(await run((db) => foldTallies(db, NOW))).toBe(3);
    expect(await rows()).toEqual([["2026-07-20T09:00:00", "dead", 0, 6, 1]]);
  });
});
