// Test-only: fans' devices with follows and push subscriptions, as the device endpoints would store them.
import { randomBytes } from "node:crypto";
import { devices, follows, pushSubscriptions, type Db, type FollowKind } from "../db/index.js";

export interface DeviceSpec {
  locale?: string;
  follows?: [FollowKind, string][];
  /** Default true. */
  subscribed?: boolean;
}

export async function addDevice(db: Db, spec: DeviceSpec = {}): Promise<string> {
  const [device] = await db
    .insert(devices)
    .values({ tokenHash: randomBytes(16).toString("hex"), locale: spec.locale ?? "en" })
    .returning({ id: devices.id });
  const id = device!.id;
  if (spec.follows?.length) await db.insert(follows).values(spec.follows.map(([kind, targetId]) => ({ deviceId: id, kind, targetId })));
  if (spec.subscribed ?? true) {
    await db.insert(pushSubscriptions).values({
      deviceId: id,
      endpoint: `https://fcm.googleapis.com/fcm/send/${id}:${randomBytes(60).toString("base64url")}`,
      p256dh: randomBytes(65).toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    });
  }
  return id;
}
