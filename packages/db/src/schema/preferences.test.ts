// device_preferences against both local backends: what the table itself refuses, and that both know the
// time zones routing reads the wall clock in.
import { describe, expect, it } from "vitest";
import { devicePreferences, devices, eq, sql } from "../index.js";
import { BACKENDS, useBackend } from "../testing/backends.js";

const CHECK_VIOLATION = "23514";

describe.each(BACKENDS)("device_preferences on %s", (kind) => {
  const { run } = useBackend(kind);
  const newDevice = () =>
    run(
      async (db) =>
        (
          await db.insert(devices).values({ tokenHash: crypto.randomUUID() }).returning({ id: devices.id })
        )[0]!.id,
    );

  it("defaults to every category but substitutions, and goes with its device", async () => {
    const id = await newDevice();
    await run(async (db) => {
      const [row] = await db.insert(devicePreferences).values({ deviceId: id }).returning();
      expect(row).toMatchObject({
        goals: true,
        var: true,
        cards: true,
        substitutions: false,
        matchStatus: true,
        shootout: true,
        quietFrom: null,
      });
      await db.delete(devices).where(eq(devices.id, id));
      expect(await db.$count(devicePreferences, eq(devicePreferences.deviceId, id))).toBe(0);
    });
  });

  it.each([
    [{ quietFrom: "23:00" }],
    [{ quietFrom: "23:00", quietTo: "07:00" }],
    [{ quietTo: "07:00", timeZone: "UTC" }],
    [{ quietFrom: "07:00", quietTo: "07:00", timeZone: "UTC" }],
  ])("refuses partial or empty quiet hours %j", async (quiet) => {
    const id = await newDevice();
    const err = await run((db) => db.insert(devicePreferences).values({ deviceId: id, ...quiet })).catch(
      (e) => e,
    );
    expect(String(err.cause?.code ?? err.code)).toBe(CHECK_VIOLATION);
  });

  it("reads wall clocks in IANA zones, daylight saving included", async () => {
    const rows = await run(
      async (db) =>
        (
          await db.execute<{ paris: string; winter: string; tokyo: string }>(sql`select
            (timestamptz '2018-07-15 21:00:00Z' at time zone 'Europe/Paris')::time::text as paris,
            (timestamptz '2018-01-15 21:00:00Z' at time zone 'europe/paris')::time::text as winter,
            (timestamptz '2018-07-15 21:00:00Z' at time zone 'Asia/Tokyo')::time::text as tokyo`)
        ).rows,
    );
    expect(rows[0]).toEqual({ paris: "23:00:00", winter: "22:00:00", tokyo: "06:00:00" });
  });
});
