// notification_tallies against both local backends: whatever writes the log, the tallies say what it holds.
import { describe, expect, it } from "vitest";
import { type Db, sql } from "./index.js";
import { BACKENDS, useBackend } from "./testing/backends.js";

const T0 = "2026-07-20T12:00:00.000Z";
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

/** The log counted directly, and as the tallies have it: by second of updated_at (ISO) and status. */
async function both(db: Db) {
  const { rows: direct } = await db.execute<{ k: string; n: number; r: number }>(sql`
    select to_char(date_trunc('second', updated_at) at time zone 'UTC', 'HH24:MI:SS') || ' ' || status as k,
      count(*)::int as n, sum(greatest(attempts - 1, 0))::int as r
    from notification_log group by 1 order by 1`);
  const { rows: tallied } = await db.execute<{ k: string; n: number; r: number }>(sql`
    select to_char(second at time zone 'UTC', 'HH24:MI:SS') || ' ' || status as k,
      sum(notifications)::int as n, sum(retried)::int as r
    from notification_tallies group by 1 having sum(notifications) <> 0 or sum(retried) <> 0 order by 1`);
  const flat = (rows: { k: string; n: number; r: number }[]) =>
    rows.map((x) => [x.k, Number(x.n), Number(x.r)]);
  return { direct: flat(direct), tallied: flat(tallied) };
}

describe.each(BACKENDS)("notification_tallies on %s", (kind) => {
  const { run } = useBackend(kind);

  it("follow every insert, update, delete and truncate of the log, by second and status", async () => {
    await run(async (db) => {
      await db.execute(sql`truncate notification_log`);
      // A routing: 5 rows at T0, 3 more at T0 + 1 s (two events).
      await db.execute(sql`insert into notification_log (event_id, device_id, match_id, updated_at)
        select gen_random_uuid(), gen_random_uuid(), 'm', ${at(0)}::timestamptz from generate_series(1, 5)`);
      await db.execute(sql`insert into notification_log (event_id, device_id, match_id, updated_at)
        select gen_random_uuid(), gen_random_uuid(), 'm', ${at(1)}::timestamptz from generate_series(1, 3)`);
      expect(await both(db)).toEqual({
        direct: [
          ["12:00:00 queued", 5, 0],
          ["12:00:01 queued", 3, 0],
        ],
        tallied: [
          ["12:00:00 queued", 5, 0],
          ["12:00:01 queued", 3, 0],
        ],
      });

      // A claim moves nothing; outcomes move rows to their new second and status, with their attempts.
      await db.execute(sql`update notification_log set claimed_by = 'x'`);
      await db.execute(sql`update notification_log set status = 'retrying', attempts = 1, updated_at = ${at(5)}::timestamptz
        where ctid in (select ctid from notification_log where updated_at = ${at(0)}::timestamptz limit 2)`);
      await db.execute(sql`update notification_log set status = 'delivered', attempts = attempts + 2, updated_at = ${at(9)}::timestamptz
        where status = 'retrying' or updated_at = ${at(1)}::timestamptz`);
      // A purge, then one row dead-lettered.
      await db.execute(sql`delete from notification_log where ctid in (
        select ctid from notification_log where status = 'delivered' and attempts = 2 limit 1)`);
      await db.execute(sql`update notification_log set status = 'dead', updated_at = ${at(9)}::timestamptz
        where ctid in (select ctid from notification_log where status = 'queued' limit 1)`);
      const { direct, tallied } = await both(db);
      expect(direct).toEqual([
        ["12:00:00 queued", 2, 0],
        ["12:00:09 dead", 1, 0],
        ["12:00:09 delivered", 4, 6],
      ]);
      expect(tallied).toEqual(direct);

      await db.execute(sql`truncate notification_log`);
      expect(await both(db)).toEqual({ direct: [], tallied: [] });
    });
  });
});
