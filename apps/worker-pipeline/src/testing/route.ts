// Test-only: fans' devices with follows, push subscriptions and native tokens, as the device endpoints would store them.
import { randomBytes } from "node:crypto";
import {
  CATEGORY_COLUMNS,
  type Db,
  devicePreferences,
  devices,
  type FollowKind,
  follows,
  nativePushTokens,
  pushSubscriptions,
} from "@buzz/db";
import type { NotificationCategory, QuietHours } from "@buzz/schema/contract";
import type { NativeTarget } from "../dispatch/channel.js";

export interface DeviceSpec {
  /** Default: a random one. */
  id?: string;
  locale?: string;
  follows?: [FollowKind, string][];
  /** Default true. */
  subscribed?: boolean;
  /** A native push token (FCM, APNs, Expo) besides or instead of the subscription. */
  native?: NativeTarget;
  /** What the device chose, as PUT /v1/devices/me/preferences stores it (categories not named keep their default). */
  preferences?: {
    categories?: Partial<Record<NotificationCategory, boolean>>;
    quiet_hours?: QuietHours | null;
  };
}

export async function addDevice(db: Db, spec: DeviceSpec = {}): Promise<string> {
  const [device] = await db
    .insert(devices)
    .values({ id: spec.id, tokenHash: randomBytes(16).toString("hex"), locale: spec.locale ?? "en" })
    .returning({ id: devices.id });
  const id = device!.id;
  const locale = spec.locale ?? "en";
  if (spec.follows?.length)
    await db
      .insert(follows)
      .values(spec.follows.map(([kind, targetId]) => ({ deviceId: id, kind, targetId, locale })));
  if (spec.subscribed ?? true) {
    await db.insert(pushSubscriptions).values({
      deviceId: id,
      endpoint: `https://fcm.googleapis.com/fcm/send/${id}:${randomBytes(60).toString("base64url")}`,
      p256dh: randomBytes(65).toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    });
  }
  if (spec.native)
    await db.insert(nativePushTokens).values({
      deviceId: id,
      provider: spec.native.provider,
      token: spec.native.token,
      environment: spec.native.environment ?? null,
    });
  if (spec.preferences) {
    const { categories = {}, quiet_hours: quiet = null } = spec.preferences;
    await db.insert(devicePreferences).values({
      deviceId: id,
      ...Object.fromEntries(
        Object.entries(categories).map(([c, on]) => [CATEGORY_COLUMNS[c as NotificationCategory], on]),
      ),
      quietFrom: quiet?.from ?? null,
      quietTo: quiet?.to ?? null,
      timeZone: quiet?.time_zone ?? null,
    });
  }
  return id;
}
