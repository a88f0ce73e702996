// The slices of the browser's Service Worker, Push and Notifications APIs that the SDK uses, typed here
// because the package compiles without the DOM library (the core must run where there is no DOM).

export interface PushSubscriptionJSONLike {
  endpoint?: string;
  expirationTime?: number | null;
  keys?: Record<string, string>;
}

export interface PushSubscriptionLike {
  readonly options?: { readonly applicationServerKey?: ArrayBuffer | null };
  toJSON(): PushSubscriptionJSONLike;
  unsubscribe(): Promise<boolean>;
}

export interface ServiceWorkerLike {
  readonly state: string;
  addEventListener(type: "statechange", cb: () => void): void;
  removeEventListener(type: "statechange", cb: () => void): void;
}

export interface RegistrationLike {
  readonly active: ServiceWorkerLike | null;
  readonly installing: ServiceWorkerLike | null;
  readonly waiting: ServiceWorkerLike | null;
  readonly pushManager: {
    getSubscription(): Promise<PushSubscriptionLike | null>;
    subscribe(options: {
      userVisibleOnly: boolean;
      applicationServerKey: Uint8Array<ArrayBuffer>;
    }): Promise<PushSubscriptionLike>;
  };
}

export interface ServiceWorkerContainerLike {
  register(url: string, options?: { scope?: string }): Promise<RegistrationLike>;
  getRegistration(scope?: string): Promise<RegistrationLike | undefined>;
}

/** `globalThis` in a browser; what registerPush and deleteDevice look up. */
export interface BrowserPush {
  navigator?: { serviceWorker?: ServiceWorkerContainerLike };
  PushManager?: unknown;
  Notification?: { readonly permission: string; requestPermission(): Promise<string> };
}

export type PushErrorCode =
  | "unsupported"
  | "permission_denied"
  | "service_worker_failed"
  | "subscribe_failed";

/** Why push could not be set up in this browser. `code` says what the app can tell the fan. */
export class BuzzPushError extends Error {
  override readonly name = "BuzzPushError";
  constructor(
    readonly code: PushErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const browserOf = (browser: BrowserPush | undefined): BrowserPush =>
  browser ?? (globalThis as BrowserPush);

/** Cancels this browser's push subscription for the scope, if it has one; a no-op without service workers. */
export async function unsubscribeBrowser(browser: BrowserPush | undefined, scope?: string): Promise<void> {
  const container = browserOf(browser).navigator?.serviceWorker;
  if (!container) return;
  const registration = await container.getRegistration(scope);
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}

/**
 * Resolves once the registration has an active worker: `pushManager.subscribe` refuses a registration whose
 * worker is still installing. `navigator.serviceWorker.ready` would not do: it never settles when the worker's
 * scope does not cover the current page.
 */
export function whenActive(registration: RegistrationLike): Promise<void> {
  if (registration.active) return Promise.resolve();
  const worker = registration.installing ?? registration.waiting;
  if (!worker)
    return Promise.reject(
      new BuzzPushError("service_worker_failed", "the service worker registration has no worker"),
    );
  return new Promise((resolve, reject) => {
    const check = () => {
      if (registration.active) resolve();
      else if (worker.state === "redundant")
        reject(
          new BuzzPushError(
            "service_worker_failed",
            "the service worker failed to install (see its console)",
          ),
        );
      else return;
      worker.removeEventListener("statechange", check);
    };
    worker.addEventListener("statechange", check);
  });
}

export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}
