import { type SQL, sql } from "@buzz/db";

/**
 * The statement that locks the device's `devices` row (`device`: the SQL of its id), and those of the devices
 * `holders` selects, FOR NO KEY UPDATE in id order: the first statement of a transaction that writes the device's
 * push target or follows, so that two such transactions about the same devices run one after the other. Two devices taking each other's
 * endpoint (or token) at once each deleted the other's row and then upserted its own, which the other had deleted:
 * each waited for the other's commit, and PostgreSQL broke the deadlock by failing one (a 500). Migration 0012's
 * triggers also lock the rows of the devices whose push targets or follows they see change, in whatever order the
 * statements come.
 */
export function lockDevices(device: SQL, holders?: SQL): SQL {
  const others = holders ? sql` or id in (${holders})` : sql``;
  return sql`select id from devices where id = ${device}${others} order by id for no key update`;
}
