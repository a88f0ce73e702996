import {
  type BrowserPush,
  BuzzPushError,
  base64urlToBytes,
  browserOf,
  type PushSubscriptionJSONLike,
  type PushSubscriptionLike,
  type RegistrationLike,
  type ServiceWorkerContainerLike,
  sameBytes,
  whenActive,
} from "./browser-env.js";
import { call, type DeviceAuth } from "./http.js";

export interface RegisterPushOptions extends DeviceAuth {
  /** The service worker script that runs `startBuzzServiceWorker` (e.g. `/sw.js`). It controls pages at or below its path. */
  serviceWorkerUrl: string;
  /** Registration scope, if not the default (the script's directory). */
  scope?: string;
  /** Where the browser's push objects come from. Default `globalThis`; a test passes fakes. */
  browser?: BrowserPush;
}

/**
 * Turns on push for this browser: asks for notification permission (call it from a click: browsers only prompt
 * on a user gesture), registers the service worker, subscribes with Buzz's VAPID key and stores the
 * subscription on the device (`PUT /v1/devices/me/push-subscription`). Returns the subscription as stored.
 *
 * Safe to call on every app start: an existing subscription made with the same key is reused and stored again.
 * One made with another key (the server rotated it) is replaced, since the push service would refuse pushes
 * signed with the new key. Fails with `BuzzPushError` (`unsupported`, `permission_denied`,
 * `service_worker_failed`, `subscribe_failed`) or `BuzzHttpError`.
 */
export async function registerPush(options: RegisterPushOptions): Promise<PushSubscriptionJSONLike> {
  const browser = browserOf(options.browser);
  const container = browser.navigator?.serviceWorker;
  if (!container || browser.PushManager === undefined) {
    throw new BuzzPushError(
      "unsupported",
      "this browser has no Push API (it needs service workers and PushManager; on iOS the web app must be added to the home screen)",
    );
  }
  // First, while the click that called us still counts as a user gesture: later, after network round trips, it may not.
  await askPermission(browser.Notification);
  // A public read: the device token goes only where the device is meant.
  const server = { baseUrl: options.baseUrl, fetch: options.fetch };
  const { key } = await call<{ key: string }>(server, "GET", "/v1/push/vapid-public-key");
  const registration = await register(container, options.serviceWorkerUrl, options.scope);
  const subscription = (await subscribe(registration, base64urlToBytes(key))).toJSON();
  await call(options, "PUT", "/v1/devices/me/push-subscription", subscription);
  return subscription;
}

async function askPermission(notification: BrowserPush["Notification"]): Promise<void> {
  if (!notification) return; // no Notification object: pushManager.subscribe is the one to ask
  const permission =
    notification.permission === "default" ? await notification.requestPermission() : notification.permission;
  if (permission !== "granted") {
    throw new BuzzPushError(
      "permission_denied",
      `notification permission is "${permission}": the fan has to allow notifications for this site`,
    );
  }
}

async function register(container: ServiceWorkerContainerLike, url: string, scope?: string) {
  let registration: RegistrationLike;
  try {
    registration = await container.register(url, scope === undefined ? undefined : { scope });
  } catch (err) {
    throw new BuzzPushError(
      "service_worker_failed",
      `could not register the service worker ${url}: ${(err as Error)?.message ?? err}`,
    );
  }
  await whenActive(registration);
  return registration;
}

async function subscribe(
  registration: RegistrationLike,
  key: Uint8Array<ArrayBuffer>,
): Promise<PushSubscriptionLike> {
  const current = await registration.pushManager.getSubscription();
  if (current && sameBytes(current.options?.applicationServerKey, key)) return current;
  await current?.unsubscribe();
  try {
    return await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (err) {
    const { name, message } = (err ?? {}) as { name?: string; message?: string };
    if (name === "NotAllowedError")
      throw new BuzzPushError("permission_denied", `the browser refused the subscription: ${message}`);
    throw new BuzzPushError(
      "subscribe_failed",
      `the push service did not subscribe this browser: ${message ?? err}`,
    );
  }
}
