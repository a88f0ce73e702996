/**
 * `@buzz/client-sdk/push` — push when the app is closed: device registration, follows, the browser's Web Push
 * subscription, native push tokens (React Native), erasure, and the page's side of the service-worker protocol.
 */

export type {
  Delivery,
  Follows,
  NotificationCategory,
  NotificationPreferences,
  QuietHours,
} from "@buzz/schema/contract";
export {
  DEFAULT_PREFERENCES,
  deliveryOf,
  inQuietHours,
  NATIVE_PUSH_PROVIDERS,
  type NativePushProvider,
  NOTIFICATION_CATEGORIES,
} from "@buzz/schema/contract";
export { BuzzHttpError } from "../client/http.js";
export type { LiveMessage, LiveQuery, NotificationPayload } from "../sw/protocol.js";
export { type RegisterPushOptions, registerPush } from "./browser.js";
export {
  type BrowserPush,
  BuzzPushError,
  type PushErrorCode,
  type PushSubscriptionJSONLike,
} from "./browser-env.js";
export {
  createDevice,
  type DeleteDeviceOptions,
  deleteDevice,
  deviceKey,
  type FollowsInput,
  setFollows,
} from "./device.js";
export type { BuzzServer, Device, DeviceAuth } from "./http.js";
export { type EnsureDeviceOptions, ensureDevice } from "./kept.js";
export {
  type LiveSource,
  linkServiceWorker,
  type PageServiceWorkerContainer,
  type ServiceWorkerLink,
} from "./live.js";
export { type NativePushTokenOptions, registerNativePushToken, unregisterNativePushToken } from "./native.js";
export { getPreferences, localTimeZone, type PreferencesInput, setPreferences } from "./preferences.js";
