// The schema and the Workers client against both local backends, through the dev proxy and the Neon driver.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Db,
  devices,
  eq,
  follows,
  INVALID_AUTHORIZATION,
  notificationLog,
  pushSubscriptions,
  sql,
  sqlState,
  UNIQUE_VIOLATION,
} from "./index.js";
import { MIGRATIONS, migrateDatabase } from "./local/index.mjs";
import { BACKENDS, useBackend } from "./testing/backends.js";

const TABLES = [
  "competitions",
  "teams",
  "players",
  "matches",
  "devices",
  "push_subscriptions",
  "follows",
  "notification_log",
  "notification_tallies",
  "event_archive",
  "processed_events",
  "webhooks",
  "webhook_deliveries",
  "dead_letters",
  "native_push_tokens",
  "device_preferences",
];
const EVENT = "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f";
const OTHER_EVENT = "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d50";

let seq = 0;
const newDevice = async (db: Db) =>
  (
    await db
      .insert(devices)
      .values({ tokenHash: `hash-${Date.now()}-${seq++}` })
      .returning()
  )[0]!;
const subscription = (deviceId: string) => ({
  deviceId,
  endpoint: `https://fcm.googleapis.com/fcm/send/${deviceId}`,
  p256dh: "p",
  auth: "a",
});

describe.each(BACKENDS)("%s, through the dev proxy with the Neon driver", (kind) => {
  const backend = useBackend(kind);
  const run = backend.run;

  it("has every table after the migrations, and applying them again changes nothing", async () => {
    const names = await run(async (db) =>
      (
        await db.execute<{ table_name: string }>(
          sql`select table_name from information_schema.tables where table_schema = 'public'`,
        )
      ).rows.map((r) => r.table_name),
    );
    expect(names.sort()).toEqual([...TABLES].sort());

    await migrateDatabase(backend.database.url);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const applied = await run(
      async (db) =>
        (await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))
          .rows[0]!.n,
    );
    expect(applied).toBe(journal.entries.length);
  });

  it("names the device a token's hash belongs to, and fails the statement with 28000 for a hash no device has", async () => {
    await run(async (db) => {
      const device = await newDevice(db);
      const found = await db.execute<{ id: string }>(sql`select device_for_token(${device.tokenHash}) as id`);
      expect(found.rows).toEqual([{ id: device.id }]);
      const unknown = await db
        .execute(sql`select device_for_token(${"0".repeat(64)})`)
        .catch((err: unknown) => err);
      expect(sqlState(unknown)).toBe(INVALID_AUTHORIZATION);
    });
  });

  it("keeps at most one notification per event and device", async () => {
    await run(async (db) => {
      const [a, b] = [await newDevice(db), await newDevice(db)];
      await db.insert(notificationLog).values({ eventId: EVENT, deviceId: a.id, matchId: "m1" });
      const again = db.insert(notificationLog).values({ eventId: EVENT, deviceId: a.id, matchId: "m1" });
      await expect(again).rejects.toSatisfy((err) => sqlState(err) === UNIQUE_VIOLATION);
      // What routing relies on: a redelivered event inserts nothing, so nothing is sent twice.
      const inserted = await db
        .insert(notificationLog)
        .values([
          { eventId: EVENT, deviceId: a.id, matchId: "m1" },
          { eventId: EVENT, deviceId: b.id, matchId: "m1" },
          { eventId: OTHER_EVENT, deviceId: a.id, matchId: "m1" },
        ])
        .onConflictDoNothing()
        .returning({ deviceId: notificationLog.deviceId, eventId: notificationLog.eventId });
      expect(inserted).toHaveLength(2);
      expect(inserted).not.toContainEqual({ deviceId: a.id, eventId: EVENT });
    });
  });

  it("refuses a push endpoint already held by another device, and a second subscription row per device", async () => {
    await run(async (db) => {
      const [a, b] = [await newDevice(db), await newDevice(db)];
      await db.insert(pushSubscriptions).values(subscription(a.id));
      const sameEndpoint = db
        .insert(pushSubscriptions)
        .values({ ...subscription(b.id), endpoint: subscription(a.id).endpoint });
      await expect(sameEndpoint).rejects.toSatisfy((err) => sqlState(err) === UNIQUE_VIOLATION);
      const secondRow = db
        .insert(pushSubscriptions)
        .values({ ...subscription(a.id), endpoint: "https://fcm.googleapis.com/fcm/send/other" });
      await expect(secondRow).rejects.toSatisfy((err) => sqlState(err) === UNIQUE_VIOLATION);
    });
  });

  // The log carries no foreign key (routing speed): DELETE /v1/devices/me deletes them itself, in one
  // transaction with the device (apps/edge-gateway/src/devices/store.ts; end to end in test/src/devices.test.ts).
  it("cascades a device's subscription and follows, and leaves its notifications to the device purge", async () => {
    const counts = (db: Db, id: string) =>
      Promise.all([
        db.$count(pushSubscriptions, eq(pushSubscriptions.deviceId, id)),
        db.$count(follows, eq(follows.deviceId, id)),
        db.$count(notificationLog, eq(notificationLog.deviceId, id)),
      ]);
    await run(async (db) => {
      const [gone, kept] = [await newDevice(db), await newDevice(db)];
      for (const d of [gone, kept]) {
        await db.insert(pushSubscriptions).values(subscription(d.id));
        await db.insert(follows).values([
          { deviceId: d.id, kind: "team", targetId: "FRA" },
          { deviceId: d.id, kind: "player", targetId: "FRA-griezmann" },
        ]);
        await db.insert(notificationLog).values({ eventId: EVENT, deviceId: d.id, matchId: "m1" });
      }
      expect(await counts(db, gone.id)).toEqual([1, 2, 1]);
      await db.delete(devices).where(eq(devices.id, gone.id));
      expect(await counts(db, gone.id)).toEqual([0, 0, 1]);
      expect(await counts(db, kept.id)).toEqual([1, 2, 1]);
    });
  });

  it("refuses a follow of an unknown kind, and the same follow twice", async () => {
    await run(async (db) => {
      const d = await newDevice(db);
      const badKind = db.execute(
        sql`insert into follows (device_id, kind, target_id) values (${d.id}, 'stadium', 'x')`,
      );
      await expect(badKind).rejects.toSatisfy((err) => sqlState(err) === "22P02"); // invalid enum input
      await db.insert(follows).values({ deviceId: d.id, kind: "match", targetId: "m1" });
      await expect(
        db.insert(follows).values({ deviceId: d.id, kind: "match", targetId: "m1" }),
      ).rejects.toSatisfy((err) => sqlState(err) === UNIQUE_VIOLATION);
    });
  });

  it("rolls a failed transaction back, and keeps what a committed one wrote", async () => {
    const marker = `tx-${kind}-${Date.now()}`;
    await expect(
      run((db) =>
        db.transaction(async (tx) => {
          await tx.insert(devices).values({ tokenHash: `${marker}-rolled-back` });
          throw new Error("abort");
        }),
      ),
    ).rejects.toThrow("abort");
    await run((db) =>
      db.transaction(async (tx) => void (await tx.insert(devices).values({ tokenHash: `${marker}-kept` }))),
    );
    const left = await run((db) =>
      db
        .select({ hash: devices.tokenHash })
        .from(devices)
        .where(sql`${devices.tokenHash} like ${`${marker}%`}`),
    );
    expect(left).toEqual([{ hash: `${marker}-kept` }]);
  });
});
