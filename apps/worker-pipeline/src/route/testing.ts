// Test-only: fans' devices with follows, push subscriptions and native tokens, as the device endpoints would store them.
import { randomBytes } from "node:crypto";
import type { NativeTarget } from "../messages/index.js";
import { devices, follows, nativePushTokens, pushSubscriptions, type Db, type FollowKind } from "../db/index.js";

export interface DeviceSpec {
  locale?: string;
  follows?: [FollowKind, string][];
  /** Default true. */
  subscribed?: boolean;
  /** A native push token (FCM, APNs, Expo) besides or instead of the subscription. */
  native?: NativeTarget;
}

export async function addDevice(db: Db, spec: DeviceSpec = {}): Promise<string> {
  const [device] = await db
    .insert(devices)
    .values({ tokenHash: randomBytes(16).toString("hex"), locale: spec.locale ?? "en" })
    .returning({ id: devices.id });
  const id = device!.id;
  const locale = spec.locale ?? "en";
  if (spec.follows?.length) await db.insert(follows).values(spec.follows.map(([kind, targetId]) => ({ deviceId: id, kind, targetId, locale })));
  if (spec.subscribed ?? true) {
    await db.insert(pushSubscriptions).values({
      deviceId: id,
      endpoint: `https://fcm.googleapis.com/fcm/send/${id}:${randomBytes(60).toString("base64url")}`,
      p256dh: randomBytes(65).toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    });
  }
  if (spec.native) await db.insert(nativePushTokens).values({ deviceId: id, provider: spec.native.provider, token: spec.native.token, environment: spec.native.environment ?? null });
  return id;
}
