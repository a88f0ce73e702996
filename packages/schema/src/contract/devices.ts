// The device endpoints (fan apps): registration, follows, Web Push subscription, native push token.
// Checked by ../validate/devices.ts.

export const DEFAULT_LOCALE = "en";

/** Each list of `PUT /v1/devices/me/follows` holds at most this many ids. */
export const MAX_FOLLOWS_PER_KIND = 100;

/** Body of `POST /v1/devices`: a BCP 47 tag such as fr, en-GB or zh-Hant-TW, stored in canonical case. */
export interface DeviceRegistration {
  locale: string;
}

/** Body of `PUT /v1/devices/me/follows`: the whole set, replacing the previous one (a missing list is empty). */
export interface Follows {
  teams: string[];
  competitions: string[];
  players: string[];
  matches: string[];
}

/** Body of `PUT /v1/devices/me/push-subscription`: `PushSubscription.toJSON()` from the browser. */
export interface PushSubscriptionInput {
  endpoint: string;
  expirationTime?: number | null;
  keys: {
    /** The browser's ECDH public key: a 65-byte uncompressed P-256 point, base64url. */
    p256dh: string;
    /** The 16-byte authentication secret, base64url. */
    auth: string;
  };
}

/** The push services a native app's token may belong to. */
export const NATIVE_PUSH_PROVIDERS = ["fcm", "apns", "expo"] as const;
export type NativePushProvider = (typeof NATIVE_PUSH_PROVIDERS)[number];
export const APNS_ENVIRONMENTS = ["production", "sandbox"] as const;
export type ApnsEnvironment = (typeof APNS_ENVIRONMENTS)[number];

/**
 * Body of `PUT /v1/devices/me/native-push-token` (React Native and other native apps), one shape per provider:
 * - `fcm`: a Firebase registration token;
 * - `apns`: the APNs device token as hex, stored lower-case, with the APNs `environment` the app was built for
 *   (`sandbox` for development builds; default `production`);
 * - `expo`: an Expo push token, `ExponentPushToken[…]` (or `ExpoPushToken[…]`).
 */
export type NativePushTokenInput =
  | { provider: "fcm"; token: string }
  | { provider: "apns"; token: string; environment: ApnsEnvironment }
  | { provider: "expo"; token: string };
