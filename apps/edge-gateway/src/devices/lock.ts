import { type SQL, sql, TRANSACTION_CONFLICTS, UNIQUE_VIOLATION } from "@buzz/db";

/**
 * The statement that locks the device's `devices` row, and those of the devices `holders` selects, FOR NO KEY
 * UPDATE in id order: the first statement of a transaction that writes the device's push target or follows, so
 * that two such transactions about the same devices run one after the other. Two devices taking each other's
 * endpoint (or token) at once each deleted the other's row and then upserted its own, which the other had deleted:
 * each waited for the other's commit, and PostgreSQL broke the deadlock by failing one (a 500). Migration 0012's
 * triggers also lock the rows of the devices whose push targets or follows they see change, in whatever order the
 * statements come.
 */
export function lockDevices(deviceId: string, holders?: SQL): SQL {
  const others = holders ? sql` or id in (${holders})` : sql``;
  return sql`select id from devices where id = ${deviceId}::uuid${others} order by id for no key update`;
}

/**
 * The failures after which a push target write runs again (rerunOn). Two devices taking one push target nobody
 * held yet both find no holder to lock: both insert, and the unique key fails the one that commits second (a 500
 * before). Run again, it finds the winner as the holder, locks it and takes the push target from it, as when
 * the two come one after the other.
 */
export const PUSH_TARGET_RACES = [UNIQUE_VIOLATION, ...TRANSACTION_CONFLICTS];
