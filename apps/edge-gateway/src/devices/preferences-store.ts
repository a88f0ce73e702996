// SQL of `GET`/`PUT /v1/devices/me/preferences`. A device that never chose has no row: it reads as the defaults.

import { type Db, type SQL, sql, sqlState } from "@buzz/db";
import {
  DEFAULT_PREFERENCES,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationPreferences,
} from "@buzz/schema/contract";
import { DomainError } from "../errors/index.js";
import { type DeviceRef, deviceTrip } from "./context.js";

const INVALID_PARAMETER_VALUE = "22023";
/** device_preferences' columns, each category's named as the category. */
const COLUMNS = [...NOTIFICATION_CATEGORIES, "quiet_from", "quiet_to", "time_zone"] as const;
type Row = Record<NotificationCategory, boolean> & {
  quiet_from: string | null;
  quiet_to: string | null;
  time_zone: string | null;
};
const columnList = () => sql.raw(COLUMNS.map((c) => `"${c}"`).join(", "));

export async function getPreferences(db: Db, device: DeviceRef): Promise<NotificationPreferences> {
  const [rows] = await deviceTrip(db, device, [
    sql`select ${columnList()} from device_preferences where device_id = ${device.id}`,
  ]);
  const row = rows![0] as Row | undefined;
  return row ? preferencesOf(row) : structuredClone(DEFAULT_PREFERENCES);
}

/** Replaces the device's preferences; answers with them as stored. */
export async function putPreferences(
  db: Db,
  device: DeviceRef,
  wanted: NotificationPreferences,
): Promise<NotificationPreferences> {
  const quiet = wanted.quiet_hours;
  const values: SQL[] = [
    ...NOTIFICATION_CATEGORIES.map((c) => sql`${wanted.categories[c]}`),
    sql`${quiet?.from ?? null}::time`,
    sql`${quiet?.to ?? null}::time`,
    sql`${quiet?.time_zone ?? null}`,
  ];
  const updates = sql.raw(COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(", "));
  try {
    const results = await deviceTrip(db, device, [
      // Intl (the schema's check) and Postgres each carry their own time zone database: a zone only the first
      // knows would make routing fail for every follower of the match, so Postgres is asked before storing it.
      ...(quiet ? [sql`select now() at time zone ${quiet.time_zone}`] : []),
      sql`insert into device_preferences (device_id, ${columnList()})
        values (${device.id}, ${sql.join(values, sql`, `)})
        on conflict (device_id) do update set ${updates}, updated_at = now()
        returning ${columnList()}`,
    ]);
    return preferencesOf(results.at(-1)![0] as Row);
  } catch (err) {
    // Only the time zone's statement can refuse a value this way.
    if (!quiet || sqlState(err) !== INVALID_PARAMETER_VALUE) throw err;
    const message = `unknown time zone "${quiet.time_zone}"`;
    throw new DomainError(422, "validation_failed", `invalid body: ${message}`, [
      { path: ["quiet_hours", "time_zone"], message, code: "custom" },
    ]);
  }
}

function preferencesOf(row: Row): NotificationPreferences {
  const categories = Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, row[c]])) as Record<
    NotificationCategory,
    boolean
  >;
  const { quiet_from: from, quiet_to: to, time_zone: timeZone } = row;
  return {
    categories,
    // Postgres answers a time as "23:00:00"; the contract's is "HH:MM".
    quiet_hours:
      from && to && timeZone ? { from: from.slice(0, 5), to: to.slice(0, 5), time_zone: timeZone } : null,
  };
}
