// SQL of the native push token endpoints (FCM, APNs, Expo), beside store.ts's Web Push subscription.

import { type Db, eq, nativePushTokens, sql } from "@buzz/db";
import type { NativePushTokenInput } from "@buzz/schema/contract";
import { takePushTarget } from "./push-target.js";

export interface StoredNativeToken {
  provider: NativePushTokenInput["provider"];
  token: string;
  environment?: "production" | "sandbox";
  created_at: string;
  updated_at: string;
}

/**
 * Stores the device's native token, replacing its previous one. A token names one app install: if another
 * device held it (the app was reinstalled and registered again), that device loses it. Returns whether a new
 * row was created.
 */
export async function putNativeToken(db: Db, deviceId: string, input: NativePushTokenInput) {
  const environment = input.provider === "apns" ? input.environment : null;
  const { provider, token } = input;
  const { created, created_at, updated_at } = await takePushTarget(db, deviceId, {
    holders: sql`select device_id from native_push_tokens where provider = ${provider} and token = ${token}`,
    release: sql`delete from native_push_tokens
      where provider = ${provider} and token = ${token} and device_id <> ${deviceId}::uuid`,
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    upsert: sql`insert into native_push_tokens (device_id, provider, token, environment)
      values (${deviceId}::uuid, ${provider}, ${token}, ${environment})
      on conflict (device_id) do update set provider = excluded.provider, token = excluded.token,
        environment = excluded.environment, failure_count = 0, updated_at = now()
      returning (xmax = 0) as created, created_at, updated_at`,
  });
  return { created, token: stored({ ...input, environment, createdAt: created_at, updatedAt: updated_at }) };
}

export async function getNativeToken(db: Db, deviceId: string): Promise<StoredNativeToken | undefined> {
  const [row] = await db.select().from(nativePushTokens).where(eq(nativePushTokens.deviceId, deviceId));
  return row && stored(row);
}

/** Forgets the device's native token; true when it had one. */
export async function deleteNativeToken(db: Db, deviceId: string): Promise<boolean> {
  const rows = await db
    .delete(nativePushTokens)
    .where(eq(nativePushTokens.deviceId, deviceId))
    .returning({ deviceId: nativePushTokens.deviceId });
  return rows.length > 0;
}

function stored(row: {
  provider: StoredNativeToken["provider"];
  token: string;
  environment: string | null;
  createdAt: Date;
  updatedAt: Date;
}): StoredNativeToken {
  return {
    provider: row.provider,
    token: row.token,
    ...(row.environment ? { environment: row.environment as "production" | "sandbox" } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
