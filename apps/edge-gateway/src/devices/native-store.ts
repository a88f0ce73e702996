// SQL of the native push token endpoints (FCM, APNs, Expo), beside store.ts's Web Push subscription.

import { and, type Db, eq, nativePushTokens, ne, rerunOn, sql } from "@buzz/db";
import type { NativePushTokenInput } from "@buzz/schema/contract";
import { lockDevices, PUSH_TARGET_RACES } from "./lock.js";

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
  return rerunOn(PUSH_TARGET_RACES, () =>
    db.transaction(async (tx) => {
      await lockDevices(
        tx,
        deviceId,
        sql`select device_id from native_push_tokens where provider = ${input.provider} and token = ${input.token}`,
      );
      await tx
        .delete(nativePushTokens)
        .where(
          and(
            eq(nativePushTokens.provider, input.provider),
            eq(nativePushTokens.token, input.token),
            ne(nativePushTokens.deviceId, deviceId),
          ),
        );
      const [row] = await tx
        .insert(nativePushTokens)
        .values({ deviceId, provider: input.provider, token: input.token, environment })
        .onConflictDoUpdate({
          target: nativePushTokens.deviceId,
          set: {
            provider: input.provider,
            token: input.token,
            environment,
            failureCount: 0,
            updatedAt: sql`now()`,
          },
        })
        // xmax is 0 on a row this statement inserted, and set on one it updated.
        .returning({
          created: sql<boolean>`(xmax = 0)`,
          createdAt: nativePushTokens.createdAt,
          updatedAt: nativePushTokens.updatedAt,
        });
      return {
        created: row!.created,
        token: stored({ ...input, environment, createdAt: row!.createdAt, updatedAt: row!.updatedAt }),
      };
    }),
  );
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
