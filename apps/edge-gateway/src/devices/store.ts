// The device endpoints' SQL. A change of several statements goes in one round trip and one transaction
// (runInOneTrip): with Postgres a continent away from the Worker, each round trip is tens of milliseconds of the
// fan's wait, and a statement-by-statement transaction paid one for BEGIN, each statement and COMMIT.

import {
  type Db,
  devices,
  eq,
  type FollowKind,
  pushSubscriptions,
  runInOneTrip,
  type SQL,
  sql,
} from "@buzz/db";
import type { Follows } from "@buzz/schema/contract";
import { lockDevices } from "./lock.js";
import { takePushTarget } from "./push-target.js";

export interface DeviceRow {
  id: string;
  locale: string;
}

export interface StoredSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  created_at: string;
  updated_at: string;
}

/** Request field ↔ follow kind. */
const KINDS: Record<keyof Follows, FollowKind> = {
  teams: "team",
  competitions: "competition",
  players: "player",
  matches: "match",
};

export async function createDevice(db: Db, tokenHash: string, locale: string): Promise<DeviceRow> {
  const [row] = await db
    .insert(devices)
    .values({ tokenHash, locale })
    .returning({ id: devices.id, locale: devices.locale });
  return row!;
}

export async function findDeviceByTokenHash(db: Db, tokenHash: string): Promise<DeviceRow | undefined> {
  const [row] = await db
    .select({ id: devices.id, locale: devices.locale })
    .from(devices)
    .where(eq(devices.tokenHash, tokenHash));
  return row;
}

/**
 * Deletes the device with its notification log (also its per-match counts); subscription, native token and follows
 * cascade.
 * Routing that resolved the device just before may still log one more row for it: a push to a device being
 * deleted is never certain to be stopped, and the row names no one once the device is gone.
 */
export async function deleteDevice(db: Db, id: string): Promise<void> {
  await runInOneTrip(db, [
    sql`delete from notification_log where device_id = ${id}::uuid`,
    sql`delete from devices where id = ${id}::uuid`,
  ]);
}

/**
 * Stores the device's subscription, replacing its previous one. An endpoint belongs to one browser: if another
 * device held it (the app was reinstalled and registered again), that device loses it. Returns whether a new
 * row was created.
 */
export async function putSubscription(
  db: Db,
  deviceId: string,
  sub: { endpoint: string; p256dh: string; auth: string },
) {
  const { created, created_at, updated_at } = await takePushTarget(db, deviceId, {
    holders: sql`select device_id from push_subscriptions where endpoint = ${sub.endpoint}`,
    release: sql`delete from push_subscriptions where endpoint = ${sub.endpoint} and device_id <> ${deviceId}::uuid`,
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    upsert: sql`insert into push_subscriptions (device_id, endpoint, p256dh, auth)
      values (${deviceId}::uuid, ${sub.endpoint}, ${sub.p256dh}, ${sub.auth})
      on conflict (device_id) do update set endpoint = excluded.endpoint, p256dh = excluded.p256dh,
        auth = excluded.auth, failure_count = 0, updated_at = now()
      returning (xmax = 0) as created, created_at, updated_at`,
  });
  return { created, subscription: stored({ ...sub, createdAt: created_at, updatedAt: updated_at }) };
}

export async function getSubscription(db: Db, deviceId: string): Promise<StoredSubscription | undefined> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.deviceId, deviceId));
  return row && stored(row);
}

/**
 * Replaces the device's follows with `wanted` (each row carries the device's locale for routing), returning them as
 * stored.
 */
export async function replaceFollows(db: Db, device: DeviceRow, wanted: Follows): Promise<Follows> {
  const { id: deviceId, locale } = device;
  const rows = (Object.keys(KINDS) as (keyof Follows)[]).flatMap((field) =>
    wanted[field].map(
      (targetId) => sql`(${deviceId}::uuid, ${KINDS[field]}::follow_kind, ${targetId}, ${locale})`,
    ),
  );
  const results = await runInOneTrip(db, [
    // Deleting the follows before the lock, a push target written at once could each wait for the other.
    lockDevices(deviceId),
    sql`delete from follows where device_id = ${deviceId}::uuid`,
    ...(rows.length > 0
      ? [sql`insert into follows (device_id, kind, target_id, locale) values ${sql.join(rows, sql`, `)}`]
      : []),
    followsOf(deviceId),
  ]);
  return followsFrom(results.at(-1) as FollowRow[]);
}

type FollowRow = { kind: FollowKind; target_id: string };

function followsOf(deviceId: string): SQL {
  return sql`select kind, target_id from follows where device_id = ${deviceId}::uuid order by kind, target_id`;
}

function followsFrom(rows: readonly FollowRow[]): Follows {
  const result: Follows = { teams: [], competitions: [], players: [], matches: [] };
  for (const field of Object.keys(KINDS) as (keyof Follows)[])
    result[field] = rows.filter((r) => r.kind === KINDS[field]).map((r) => r.target_id);
  return result;
}

export async function getFollows(db: Db, deviceId: string): Promise<Follows> {
  return followsFrom((await db.execute<FollowRow>(followsOf(deviceId))).rows);
}

function stored(row: {
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: Date;
  updatedAt: Date;
}): StoredSubscription {
  return {
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
