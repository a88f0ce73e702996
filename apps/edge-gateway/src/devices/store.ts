// The device endpoints' SQL. Multi-statement changes run in one transaction and use only `tx` inside it.

import {
  and,
  type Db,
  devices,
  eq,
  type FollowKind,
  follows,
  matchQuotas,
  ne,
  notificationLog,
  pushSubscriptions,
  rerunOn,
  sql,
} from "@buzz/db";
import type { Follows } from "@buzz/schema/contract";
import { lockDevices, PUSH_TARGET_RACES } from "./lock.js";

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
 * Deletes the device with its notification log (also its per-match counts) and its rows of the retired
 * match_quotas; subscription, native token and follows cascade.
 * Routing that resolved the device just before may still log one more row for it: a push to a device being
 * deleted is never certain to be stopped, and the row names no one once the device is gone.
 */
export async function deleteDevice(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(notificationLog).where(eq(notificationLog.deviceId, id));
    await tx.delete(matchQuotas).where(eq(matchQuotas.deviceId, id));
    await tx.delete(devices).where(eq(devices.id, id));
  });
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
  return rerunOn(PUSH_TARGET_RACES, () =>
    db.transaction(async (tx) => {
      await lockDevices(
        tx,
        deviceId,
        sql`select device_id from push_subscriptions where endpoint = ${sub.endpoint}`,
      );
      await tx
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.endpoint, sub.endpoint), ne(pushSubscriptions.deviceId, deviceId)));
      const [row] = await tx
        .insert(pushSubscriptions)
        .values({ deviceId, ...sub })
        .onConflictDoUpdate({
          target: pushSubscriptions.deviceId,
          set: {
            endpoint: sub.endpoint,
            p256dh: sub.p256dh,
            auth: sub.auth,
            failureCount: 0,
            updatedAt: sql`now()`,
          },
        })
        // xmax is 0 on a row this statement inserted, and set on one it updated.
        .returning({
          created: sql<boolean>`(xmax = 0)`,
          createdAt: pushSubscriptions.createdAt,
          updatedAt: pushSubscriptions.updatedAt,
        });
      return {
        created: row!.created,
        subscription: stored({ ...sub, createdAt: row!.createdAt, updatedAt: row!.updatedAt }),
      };
    }),
  );
}

export async function getSubscription(db: Db, deviceId: string): Promise<StoredSubscription | undefined> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.deviceId, deviceId));
  return row && stored(row);
}

/** Replaces the device's follows with `wanted` (each row carries the device's locale for routing), returning them as stored. */
export async function replaceFollows(db: Db, device: DeviceRow, wanted: Follows): Promise<Follows> {
  const { id: deviceId, locale } = device;
  const rows = (Object.keys(KINDS) as (keyof Follows)[]).flatMap((field) =>
    wanted[field].map((targetId) => ({ deviceId, kind: KINDS[field], targetId, locale })),
  );
  await db.transaction(async (tx) => {
    // Deleting the follows before the lock, a push target written at once could each wait for the other.
    await lockDevices(tx, deviceId);
    await tx.delete(follows).where(eq(follows.deviceId, deviceId));
    if (rows.length > 0) await tx.insert(follows).values(rows);
  });
  return getFollows(db, deviceId);
}

export async function getFollows(db: Db, deviceId: string): Promise<Follows> {
  const rows = await db
    .select({ kind: follows.kind, targetId: follows.targetId })
    .from(follows)
    .where(eq(follows.deviceId, deviceId))
    .orderBy(follows.kind, follows.targetId);
  const result: Follows = { teams: [], competitions: [], players: [], matches: [] };
  for (const field of Object.keys(KINDS) as (keyof Follows)[])
    result[field] = rows.filter((r) => r.kind === KINDS[field]).map((r) => r.targetId);
  return result;
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
