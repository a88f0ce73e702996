// What each device chose (contract v1.1 "Fans choose"), as SQL for the routing statement: device_preferences is
// left-joined to the followers, so a device with no row has null columns and gets DEFAULT_PREFERENCES. The same
// rules as deliveryOf in @buzz/schema/contract (what clients preview them with); preferences.db.test.ts checks
// the two agree.
import { CATEGORY_COLUMNS, devicePreferences as prefs, type SQL, sql } from "@buzz/db";
import {
  DEFAULT_PREFERENCES,
  EVENT_CATALOGUE,
  type PublishedEvent,
  QUIET_HOURS_CATEGORY,
} from "@buzz/schema/contract";

export interface PreferenceSql {
  /** True for a device that gets the event: its category is on and, unless it is a goal, not in quiet hours. */
  allowed: SQL;
  /** True for a device that gets it silently: a goal during its quiet hours. */
  silent: SQL;
}

/**
 * Whether the device's wall clock at `at` is in its quiet hours: `from` included, `to` not, a window with `from`
 * later than `to` crossing midnight. False (not null) for a device without quiet hours.
 */
export function quietAt(at: Date): SQL {
  const local = sql`(${at.toISOString()}::timestamptz at time zone ${prefs.timeZone})::time`;
  return sql`coalesce(case
      when ${prefs.quietFrom} < ${prefs.quietTo} then ${local} >= ${prefs.quietFrom} and ${local} < ${prefs.quietTo}
      when ${prefs.quietFrom} > ${prefs.quietTo} then ${local} >= ${prefs.quietFrom} or ${local} < ${prefs.quietTo}
      else false end, false)`;
}

/** The filter and the silent flag for an event, evaluated at the time it happened. */
export function preferenceSql(event: PublishedEvent): PreferenceSql {
  const category = EVENT_CATALOGUE[event.event_type].category;
  if (category === null) return { allowed: sql`false`, silent: sql`false` };
  const on = sql`coalesce(${prefs[CATEGORY_COLUMNS[category]]}, ${DEFAULT_PREFERENCES.categories[category]}::boolean)`;
  const quiet = quietAt(new Date(event.occurred_at));
  return category === QUIET_HOURS_CATEGORY
    ? { allowed: on, silent: quiet }
    : { allowed: sql`${on} and not ${quiet}`, silent: sql`false` };
}
