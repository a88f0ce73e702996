/**
 * `@buzz/client-sdk/push` — push when the app is closed: device registration, follows, the browser's Web Push
 * subscription, native push tokens (React Native), erasure, and the page's side of the service-worker protocol.
 */
export { createDevice, deleteDevice, setFollows, type DeleteDeviceOptions, type FollowsInput } from "./device.js";
export { registerPush, type RegisterPushOptions } from "./browser.js";
export { BuzzPushError, type BrowserPush, type PushErrorCode, type PushSubscriptionJSONLike } from "./browser-env.js";
export { registerNativePushToken, unregisterNativePushToken, NATIVE_PUSH_PROVIDERS, type NativePushProvider, type NativePushTokenOptions } from "./native.js";
export { linkServiceWorker, type LiveSource, type PageServiceWorkerContainer, type ServiceWorkerLink } from "./live.js";
export type { BuzzServer, Device, DeviceAuth } from "./http.js";
export { BuzzHttpError } from "../client/http.js";
export type { Follows } from "@buzz/schema";
export type { LiveMessage, LiveQuery, NotificationPayload } from "../sw/protocol.js";
