// The device endpoints' SQL. Each request's statements, the token's check first, go in one round trip and one
// transaction (deviceTrip): with Postgres a continent away from the Worker, each round trip is tens of
// milliseconds of the fan's wait, and a statement-by-statement transaction paid one for BEGIN, each statement and
// COMMIT, after one to look the token up.

import { type Db, devices, type FollowKind, type SQL, sql } from "@buzz/db";
import type { Follows } from "@buzz/schema/contract";
import { type DeviceRef, deviceTrip } from "./context.js";
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

/**
 * Deletes the device with its notification log (also its per-match counts); subscription, native token and follows
 * cascade.
 * Routing that resolved the device just before may still log one more row for it: a push to a device being
 * deleted is never certain to be stopped, and the row names no one once the device is gone.
 */
export async function deleteDevice(db: Db, device: DeviceRef): Promise<void> {
  await deviceTrip(db, device, [
    sql`delete from notification_log where device_id = ${device.id}`,
    sql`delete from devices where id = ${device.id}`,
  ]);
}

/**
 * Stores the device's subscription, replacing its previous one. An endpoint belongs to one browser: if another
 * device held it (the app was reinstalled and registered again), that device loses it. Returns whether a new
 * row was created.
 */
export async function putSubscription(
  db: Db,
  device: DeviceRef,
  sub: { endpoint: string; p256dh: string; auth: string },
) {
  const { created, created_at, updated_at } = await takePushTarget(db, device, {
    holders: sql`select device_id from push_subscriptions where endpoint = ${sub.endpoint}`,
    release: sql`delete from push_subscriptions where endpoint = ${sub.endpoint} and device_id <> ${device.id}`,
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    upsert: sql`insert into push_subscriptions (device_id, endpoint, p256dh, auth)
      values (${device.id}, ${sub.endpoint}, ${sub.p256dh}, ${sub.auth})
      on conflict (device_id) do update set endpoint = excluded.endpoint, p256dh = excluded.p256dh,
        auth = excluded.auth, failure_count = 0, updated_at = now()
      returning (xmax = 0) as created, created_at, updated_at`,
  });
  return { created, subscription: stored({ ...sub, created_at, updated_at }) };
}

export async function getSubscription(db: Db, device: DeviceRef): Promise<StoredSubscription | undefined> {
  const [rows] = await deviceTrip(db, device, [
    sql`select endpoint, p256dh, auth, created_at, updated_at from push_subscriptions where device_id = ${device.id}`,
  ]);
  const row = rows![0] as SubscriptionRow | undefined;
  return row && stored(row);
}

/**
 * Replaces the device's follows with `wanted` (each row carries the device's locale for routing), returning them as
 * stored.
 */
export async function replaceFollows(db: Db, device: DeviceRef, wanted: Follows): Promise<Follows> {
  const targets = (Object.keys(KINDS) as (keyof Follows)[]).flatMap((field) =>
    wanted[field].map((targetId) => sql`(${KINDS[field]}::follow_kind, ${targetId}::text)`),
  );
  const results = await deviceTrip(db, device, [
    // Deleting the follows before the lock, a push target written at once could each wait for the other.
    lockDevices(device.id),
    sql`delete from follows where device_id = ${device.id}`,
    ...(targets.length > 0
      ? [
          sql`insert into follows (device_id, kind, target_id, locale)
            select d.id, t.kind, t.target_id, d.locale
            from devices d, (values ${sql.join(targets, sql`, `)}) t (kind, target_id)
            where d.id = ${device.id}`,
        ]
      : []),
    followsOf(device),
  ]);
  return followsFrom(results.at(-1) as FollowRow[]);
}

type FollowRow = { kind: FollowKind; target_id: string };
type SubscriptionRow = { endpoint: string; p256dh: string; auth: string; created_at: Date; updated_at: Date };

function followsOf(device: DeviceRef): SQL {
  return sql`select kind, target_id from follows where device_id = ${device.id} order by kind, target_id`;
}

function followsFrom(rows: readonly FollowRow[]): Follows {
  const result: Follows = { teams: [], competitions: [], players: [], matches: [] };
  for (const field of Object.keys(KINDS) as (keyof Follows)[])
    result[field] = rows.filter((r) => r.kind === KINDS[field]).map((r) => r.target_id);
  return result;
}

export async function getFollows(db: Db, device: DeviceRef): Promise<Follows> {
  const [rows] = await deviceTrip(db, device, [followsOf(device)]);
  return followsFrom(rows as FollowRow[]);
}

function stored(row: SubscriptionRow): StoredSubscription {
  return {
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
