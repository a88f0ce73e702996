import { type KeyValueStorage, readJson } from "../storage/index.js";
import { createDevice, deviceKey } from "./device.js";
import type { BuzzServer, Device } from "./http.js";

export interface EnsureDeviceOptions {
  /** `localStorage`, React Native's `AsyncStorage`, or anything with promise-returning getItem/setItem/removeItem. */
  storage: KeyValueStorage;
  /** Only used for a first registration, as in `createDevice`. */
  locale?: string;
}

const inFlight = new WeakMap<KeyValueStorage, Map<string, Promise<Device>>>();

/**
 * The device this install registered before, read from `storage`; on the first start (nothing stored) one is
 * registered (`POST /v1/devices`) and stored before it is returned. Called on every start, it keeps one device,
 * with its follows and push token, across restarts. Calls racing at startup share one registration.
 */
export function ensureDevice(server: string | BuzzServer, options: EnsureDeviceOptions): Promise<Device> {
  const target = typeof server === "string" ? { baseUrl: server } : server;
  const key = deviceKey(target.baseUrl);
  let pending = inFlight.get(options.storage);
  if (!pending) inFlight.set(options.storage, (pending = new Map()));
  const running = pending.get(key);
  if (running) return running;
  const run = (async () => {
    const stored = await readJson<Partial<Device>>(options.storage, key);
    if (typeof stored?.device_id === "string" && typeof stored.token === "string")
      return {
        baseUrl: target.baseUrl.replace(/\/+$/, ""),
        device_id: stored.device_id,
        token: stored.token,
      };
    const device = await createDevice(target, options.locale ? { locale: options.locale } : {});
    // Stored before anyone uses it: an app killed right after still finds this device next time.
    await options.storage.setItem(key, JSON.stringify(device));
    return device;
  })();
  pending.set(key, run);
  const done = () => pending.delete(key);
  run.then(done, done);
  return run;
}
