// Body of `PUT /v1/devices/me/preferences` (contract v1.1 "Fans choose").
import * as z from "zod";
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from "../contract/catalogue.js";
import { DEFAULT_PREFERENCES } from "../contract/preferences.js";

/** "HH:MM", 24-hour, 00:00 to 23:59. */
export const ClockTimeSchema = z
  .string()
  .regex(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a 24-hour time "HH:MM", such as "23:00"');

/**
 * An IANA time zone name ("Europe/Paris", "America/Argentina/Buenos_Aires", "UTC"), stored as Intl spells it
 * when it differs only in case. Offsets ("+01:00") are refused: Postgres reads them as POSIX zones, west
 * positive, which would shift the window the wrong way. Whether Postgres knows the zone is checked as it is stored.
 */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/,
    'must be an IANA time zone such as "Europe/Paris"',
  )
  .transform((zone, ctx) => {
    try {
      const resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
      return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
    } catch {
      ctx.issues.push({ code: "custom", input: zone, message: `unknown time zone "${zone}"` });
      return z.NEVER;
    }
  });

export const QuietHoursSchema = z
  .strictObject({ from: ClockTimeSchema, to: ClockTimeSchema, time_zone: TimeZoneSchema })
  .refine((q) => q.from !== q.to, {
    path: ["to"],
    message: "must differ from `from` (quiet all day: switch the categories off instead)",
  });

const category = (c: NotificationCategory) => z.boolean().default(DEFAULT_PREFERENCES.categories[c]);

/** Unknown categories are refused (a typo would otherwise silently keep a category on). */
export const NotificationPreferencesSchema = z.strictObject({
  categories: z
    .strictObject(
      Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, category(c)])) as {
        [C in NotificationCategory]: ReturnType<typeof category>;
      },
    )
    .default(() => ({ ...DEFAULT_PREFERENCES.categories })),
  quiet_hours: QuietHoursSchema.nullable().default(null),
});
