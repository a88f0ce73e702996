// SQL of `GET`/`PUT /v1/devices/me/preferences`. A device that never chose has no row: it reads as the defaults.

import {
  CATEGORY_COLUMNS,
  type CategoryColumn,
  type Db,
  devicePreferences,
  eq,
  sql,
  sqlState,
} from "@buzz/db";
import {
  DEFAULT_PREFERENCES,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationPreferences,
} from "@buzz/schema/contract";
import { DomainError } from "../errors/index.js";

type Row = typeof devicePreferences.$inferSelect;
const INVALID_PARAMETER_VALUE = "22023";

export async function getPreferences(db: Db, deviceId: string): Promise<NotificationPreferences> {
  const [row] = await db.select().from(devicePreferences).where(eq(devicePreferences.deviceId, deviceId));
  return row ? preferencesOf(row) : structuredClone(DEFAULT_PREFERENCES);
}

/** Replaces the device's preferences; answers with them as stored. */
export async function putPreferences(
  db: Db,
  deviceId: string,
  wanted: NotificationPreferences,
): Promise<NotificationPreferences> {
  const quiet = wanted.quiet_hours;
  // Intl (the schema's check) and Postgres each carry their own time zone database: a zone only the first
  // knows would make routing fail for every follower of the match, so Postgres is asked before storing it.
  if (quiet) await checkTimeZone(db, quiet.time_zone);
  const columns = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [CATEGORY_COLUMNS[c], wanted.categories[c]]),
  ) as Pick<Row, CategoryColumn>;
  const values = {
    ...columns,
    quietFrom: quiet?.from ?? null,
    quietTo: quiet?.to ?? null,
    timeZone: quiet?.time_zone ?? null,
  };
  const [row] = await db
    .insert(devicePreferences)
    .values({ deviceId, ...values })
    .onConflictDoUpdate({ target: devicePreferences.deviceId, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return preferencesOf(row!);
}

async function checkTimeZone(db: Db, zone: string): Promise<void> {
  try {
    await db.execute(sql`select now() at time zone ${zone}`);
  } catch (err) {
    if (sqlState(err) !== INVALID_PARAMETER_VALUE) throw err;
    const message = `unknown time zone "${zone}"`;
    throw new DomainError(422, "validation_failed", `invalid body: ${message}`, [
      { path: ["quiet_hours", "time_zone"], message, code: "custom" },
    ]);
  }
}

function preferencesOf(row: Row): NotificationPreferences {
  const categories = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [c, row[CATEGORY_COLUMNS[c]]]),
  ) as Record<NotificationCategory, boolean>;
  const { quietFrom: from, quietTo: to, timeZone } = row;
  return {
    categories,
    // Postgres answers a time as "23:00:00"; the contract's is "HH:MM".
    quiet_hours:
      from && to && timeZone ? { from: from.slice(0, 5), to: to.slice(0, 5), time_zone: timeZone } : null,
  };
}
