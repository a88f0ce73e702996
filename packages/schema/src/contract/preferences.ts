// What a fan chooses to be buzzed about (contract v1.1 "Fans choose"): `PUT`/`GET /v1/devices/me/preferences`.
// Checked by ../validate/preferences.ts. The routing statement (apps/worker-pipeline/src/route/preferences.ts)
// applies the same rules in SQL; deliveryOf here is what clients preview them with, and a test of the pipeline
// checks the two agree.
import { EVENT_CATALOGUE, NOTIFICATION_CATEGORIES, type NotificationCategory } from "./catalogue.js";
import type { EventType } from "./events.js";

/**
 * A daily window, in the device's time zone, during which only goals are pushed, silently. `from` and `to` are
 * "HH:MM" (24-hour) and differ; `from` later than `to` crosses midnight ("23:00" → "07:00"). `from` is in the
 * window, `to` is not.
 */
export interface QuietHours {
  from: string;
  to: string;
  /** An IANA time zone such as "Europe/Paris"; daylight saving time is followed. */
  time_zone: string;
}

/** Body of `PUT /v1/devices/me/preferences` (a missing category takes its default) and answer of both methods. */
export interface NotificationPreferences {
  categories: Record<NotificationCategory, boolean>;
  quiet_hours: QuietHours | null;
}

/** Off by default: a match has up to a dozen substitutions, too many buzzes for most fans. */
export const DEFAULT_OFF_CATEGORIES: readonly NotificationCategory[] = ["substitutions"];

/** What a device that never chose gets: every category but substitutions, at any hour. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  categories: Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [c, !DEFAULT_OFF_CATEGORIES.includes(c)]),
  ) as Record<NotificationCategory, boolean>,
  quiet_hours: null,
};

/** The one category pushed during quiet hours (silently). */
export const QUIET_HOURS_CATEGORY: NotificationCategory = "goals";

/**
 * What preferences make of a notification about an event of `type` at instant `at`:
 * - `push`: sent as usual;
 * - `silent`: sent, marked `"silent": true` (a goal during quiet hours);
 * - `off`: not sent, its category is switched off;
 * - `quiet`: not sent, quiet hours hold everything but goals;
 * - `never`: nobody is ever notified of that type (shots).
 */
export type Delivery = "push" | "silent" | "off" | "quiet" | "never";

export function deliveryOf(prefs: NotificationPreferences, type: EventType, at: Date): Delivery {
  const category = EVENT_CATALOGUE[type].category;
  if (category === null) return "never";
  if (!prefs.categories[category]) return "off";
  if (!inQuietHours(prefs.quiet_hours, at)) return "push";
  return category === QUIET_HOURS_CATEGORY ? "silent" : "quiet";
}

/** Minutes since midnight of "HH:MM". */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the window, read on the wall clock of its time zone (`from` included, `to` not). */
export function inQuietHours(quiet: QuietHours | null, at: Date): boolean {
  if (!quiet) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const now = wallClockMinutes(at, quiet.time_zone);
  if (from < to) return now >= from && now < to;
  if (from > to) return now >= from || now < to;
  return false;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Minutes since midnight at `at` in `timeZone` (an unknown zone throws a RangeError). */
export function wallClockMinutes(at: Date, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}
