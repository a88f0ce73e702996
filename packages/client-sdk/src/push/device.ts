import type { Follows } from "@buzz/schema/contract";
import type { KeyValueStorage } from "../storage/index.js";
import { type BrowserPush, unsubscribeBrowser } from "./browser-env.js";
import { type BuzzServer, call, type Device, type DeviceAuth } from "./http.js";

/** Where `ensureDevice` keeps the device: one per Buzz server. */
export const deviceKey = (baseUrl: string) => `buzz:${baseUrl.replace(/\/+$/, "")}:device`;

/**
 * `POST /v1/devices`: registers this app install and returns `{ baseUrl, device_id, token }`. Keep it (the token
 * is shown once): every other device call takes it. `locale` defaults to `navigator.language` where there is one,
 * else the server's default (`en`); push texts are written in it.
 */
export async function createDevice(
  server: string | BuzzServer,
  options: { locale?: string } = {},
): Promise<Device> {
  const target = typeof server === "string" ? { baseUrl: server } : server;
  const locale = options.locale ?? (globalThis as { navigator?: { language?: string } }).navigator?.language;
  const body = await call<{ device_id: string; token: string }>(
    target,
    "POST",
    "/v1/devices",
    locale ? { locale } : {},
  );
  return { baseUrl: target.baseUrl.replace(/\/+$/, ""), device_id: body.device_id, token: body.token };
}

/** What a device follows; a list left out is empty (the call replaces the whole set). */
export type FollowsInput = Partial<Follows>;

/** `PUT /v1/devices/me/follows`: replaces what the device follows, and answers the set as stored (sorted, deduplicated). */
export function setFollows(device: DeviceAuth, follows: FollowsInput): Promise<Follows> {
  const { teams = [], competitions = [], players = [], matches = [] } = follows;
  return call<Follows>(device, "PUT", "/v1/devices/me/follows", { teams, competitions, players, matches });
}

export interface DeleteDeviceOptions {
  /** The scope the service worker was registered with, if not the default one of this page. */
  scope?: string;
  /** Where the browser's push objects come from. Default `globalThis`; a test passes fakes. */
  browser?: BrowserPush;
  /** The storage `ensureDevice` kept the device in: it is forgotten there too, so the next start registers anew. */
  storage?: KeyValueStorage;
}

/**
 * `DELETE /v1/devices/me` (the right to erasure): the server forgets the device, its subscription, follows and
 * notification log. Then, in a browser, the push subscription is cancelled too, so the push service holds
 * nothing either. The server goes first: if it fails, nothing has changed and the call can simply be retried.
 * Elsewhere (React Native, Node) only the server call is made. The token is dead afterwards.
 */
export async function deleteDevice(device: DeviceAuth, options: DeleteDeviceOptions = {}): Promise<void> {
  await call(device, "DELETE", "/v1/devices/me");
  await options.storage?.removeItem(deviceKey(device.baseUrl));
  await unsubscribeBrowser(options.browser, options.scope);
}
