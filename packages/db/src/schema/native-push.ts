// Native push tokens (FCM, APNs, Expo) of fan apps: the React Native counterpart of push_subscriptions.
import { APNS_ENVIRONMENTS, NATIVE_PUSH_PROVIDERS } from "@buzz/schema/contract";
import { integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices.js";

export const nativePushProvider = pgEnum("native_push_provider", NATIVE_PUSH_PROVIDERS);

/**
 * One native token per device: registering again replaces it. A token belongs to one app install, so it is
 * unique per provider (a reinstall that registers a new device takes it over). Cascades from `devices`, so
 * DELETE /v1/devices/me purges it.
 */
export const nativePushTokens = pgTable(
  "native_push_tokens",
  {
    deviceId: uuid("device_id")
      .primaryKey()
      .references(() => devices.id, { onDelete: "cascade" }),
    provider: nativePushProvider("provider").notNull(),
    token: text("token").notNull(),
    /** APNs only: which APNs the app's build talks to (api.push.apple.com or api.sandbox.push.apple.com). */
    environment: text("environment", { enum: APNS_ENVIRONMENTS }),
    failureCount: integer("failure_count").notNull().default(0),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("native_push_tokens_provider_token").on(t.provider, t.token)],
);
