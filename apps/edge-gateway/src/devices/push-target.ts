// Writing a device's push target (a Web Push subscription or a native token), which one device holds at a time.
import { type Db, rerunOn, type SQL, TRANSACTION_CONFLICTS, UNIQUE_VIOLATION } from "@buzz/db";
import { type DeviceRef, deviceTrip } from "./context.js";
import { lockDevices } from "./lock.js";

/**
 * The failures after which a push target write runs again (rerunOn). Two devices taking one push target nobody
 * held yet both find no holder to lock: both insert, and the unique key fails the one that commits second (a 500
 * before). Run again, it finds the winner as the holder, locks it and takes the push target from it, as when
 * the two come one after the other.
 */
const PUSH_TARGET_RACES = [UNIQUE_VIOLATION, ...TRANSACTION_CONFLICTS];

/** What the upsert of a push target returns: `(xmax = 0) as created, created_at, updated_at`. */
export interface StoredPushTarget {
  created: boolean;
  created_at: Date;
  updated_at: Date;
}

/**
 * Gives the device its push target in one round trip and one transaction (deviceTrip): locks the device and the
 * devices `holders` selects (those holding the same target), runs `release` (deletes the target from them) and
 * `upsert` (stores the device's own, returning StoredPushTarget), again after a race PUSH_TARGET_RACES names.
 */
export async function takePushTarget(
  db: Db,
  device: DeviceRef,
  statements: { holders: SQL; release: SQL; upsert: SQL },
): Promise<StoredPushTarget> {
  const { holders, release, upsert } = statements;
  const trip = await rerunOn(PUSH_TARGET_RACES, () =>
    deviceTrip(db, device, [lockDevices(device.id, holders), release, upsert]),
  );
  return trip[2]![0] as unknown as StoredPushTarget;
}
