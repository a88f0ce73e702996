import type { NotificationCategory, NotificationPreferences, QuietHours } from "@buzz/schema/contract";
import { call, type DeviceAuth } from "./http.js";

/** What `setPreferences` takes: a category left out takes its default (the call replaces the whole set). */
export interface PreferencesInput {
  categories?: Partial<Record<NotificationCategory, boolean>>;
  quiet_hours?: QuietHours | null;
}

/** `GET /v1/devices/me/preferences`: what this device is buzzed about (the defaults until it chooses). */
export function getPreferences(device: DeviceAuth): Promise<NotificationPreferences> {
  return call<NotificationPreferences>(device, "GET", "/v1/devices/me/preferences");
}

/**
 * `PUT /v1/devices/me/preferences`: categories switched on or off, and quiet hours (`{from: "23:00", to:
 * "07:00", time_zone}` — during them only goals are pushed, silently — or null). Answers the preferences as
 * stored. A bad time, an unknown time zone or category is a `BuzzHttpError` 422 and changes nothing.
 */
export function setPreferences(
  device: DeviceAuth,
  preferences: PreferencesInput,
): Promise<NotificationPreferences> {
  const body: PreferencesInput = {};
  if (preferences.categories) body.categories = preferences.categories;
  if (preferences.quiet_hours !== undefined) body.quiet_hours = preferences.quiet_hours;
  return call<NotificationPreferences>(device, "PUT", "/v1/devices/me/preferences", body);
}

/** The device's own time zone, for quiet hours (`Intl`; "UTC" where the runtime does not say). */
export const localTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
};
