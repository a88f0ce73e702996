// SQL of the native push token endpoints (FCM, APNs, Expo), beside store.ts's Web Push subscription.

import { type Db, sql } from "@buzz/db";
import type { NativePushTokenInput } from "@buzz/schema/contract";
import { type DeviceRef, deviceTrip } from "./context.js";
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
export async function putNativeToken(db: Db, device: DeviceRef, input: NativePushTokenInput) {
  const environment = input.provider === "apns" ? input.environment : null;
  const { provider, token } = input;
  const { created, created_at, updated_at } = await takePushTarget(db, device, {
    holders: sql`select device_id from native_push_tokens where provider = ${provider} and token = ${token}`,
    release: sql`delete from native_push_tokens
      where provider = ${provider} and token = ${token} and device_id <> ${device.id}`,
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    upsert: sql`insert into native_push_tokens (device_id, provider, token, environment)
      values (${device.id}, ${provider}, ${token}, ${environment})
      on conflict (device_id) do update set provider = excluded.provider, token = excluded.token,
        environment = excluded.environment, failure_count = 0, updated_at = now()
      returning (xmax = 0) as created, created_at, updated_at`,
  });
  return { created, token: stored({ ...input, environment, created_at, updated_at }) };
}

type TokenRow = {
  provider: StoredNativeToken["provider"];
  token: string;
  environment: string | null;
  created_at: Date;
  updated_at: Date;
};

export async function getNativeToken(db: Db, device: DeviceRef): Promise<StoredNativeToken | undefined> {
  const [rows] = await deviceTrip(db, device, [
    sql`select provider, token, environment, created_at, updated_at from native_push_tokens
      where device_id = ${device.id}`,
  ]);
  const row = rows![0] as TokenRow | undefined;
  return row && stored(row);
}

/** Forgets the device's native token; true when it had one. */
export async function deleteNativeToken(db: Db, device: DeviceRef): Promise<boolean> {
  const [rows] = await deviceTrip(db, device, [
    sql`delete from native_push_tokens where device_id = ${device.id} returning device_id`,
  ]);
  return rows!.length > 0;
}

function stored(row: TokenRow): StoredNativeToken {
  return {
    provider: row.provider,
    token: row.token,
    ...(row.environment ? { environment: row.environment as "production" | "sandbox" } : {}),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
