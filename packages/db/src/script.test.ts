// runInOneTrip against both local backends, through the Neon driver and the dev proxy as a Worker reaches them.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { openDb } from "./client.js";
import { sql } from "./index.js";
import { runInOneTrip } from "./script.js";
import { BACKENDS, useBackend } from "./testing/backends.js";

const AWKWARD = `it's a \\'quote\\' \\\\ and $$ dollars $q$ and "double" and ünïcode`;

describe.each(BACKENDS)("runInOneTrip on %s", (kind) => {
  const backend = useBackend(kind);

  it("returns each statement's rows in order, each statement seeing the ones before it", async () => {
    await backend.run(async (db) => {
      const [created, inserted, counted] = await runInOneTrip(db, [
        sql`create temporary table one_trip (v text) on commit drop`,
        sql`insert into one_trip values (${AWKWARD}), (${"plain"}) returning v`,
        sql`select count(*)::int as n, ${7}::int as seven, ${true}::boolean as yes from one_trip`,
      ]);
      expect(created).toEqual([]);
      expect(inserted).toEqual([{ v: AWKWARD }, { v: "plain" }]);
      expect(counted).toEqual([{ n: 2, seven: 7, yes: true }]);
      expect(await runInOneTrip(db, [sql`select ${"alone"}::text as v`])).toEqual([[{ v: "alone" }]]);
    });
  });

  it("is one transaction: a statement failing undoes the ones before it", async () => {
    await backend.run(async (db) => {
      await db.execute(sql`drop table if exists one_trip_kept`);
      await expect(
        runInOneTrip(db, [
          sql`create table one_trip_kept (v int)`,
          sql`insert into one_trip_kept values (1)`,
          sql`select 1 / ${0}::int`,
        ]),
      ).rejects.toSatisfy(
        // Wrapped as drizzle wraps its own queries' failures, the driver's error kept as the cause.
        (err) =>
          err instanceof DrizzleQueryError && /division by zero/.test(String((err.cause as Error).message)),
      );
      const { rows } = await db.execute(sql`select to_regclass('one_trip_kept') as t`);
      expect(rows).toEqual([{ t: null }]);
    });
  });

  it("sends values that read the same with standard_conforming_strings off", async () => {
    // One connection, so the setting applies to the session the script then runs on.
    const { db, close } = openDb(backend.env, { maxConnections: 1 });
    try {
      await db.execute(sql`set standard_conforming_strings = off`);
      const [rows] = await runInOneTrip(db, [sql`select ${AWKWARD}::text as v, ${"x\\"}::text as w`]);
      expect(rows).toEqual([{ v: AWKWARD, w: "x\\" }]);
    } finally {
      await db.execute(sql`reset standard_conforming_strings`);
      await close();
    }
  });

  it("refuses a NUL character before sending anything", async () => {
    await backend.run(async (db) => {
      await expect(runInOneTrip(db, [sql`select ${"a\0b"}::text`])).rejects.toThrow(/NUL/);
    });
  });
});
