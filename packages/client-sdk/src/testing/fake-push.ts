// Test doubles for the push tests: a recording fetch that answers like Buzz's device endpoints, and a browser
// whose service worker installs when the test says so.
import type {
  BrowserPush,
  PushSubscriptionLike,
  RegistrationLike,
  ServiceWorkerLike,
} from "../push/browser-env.js";

export const VAPID_KEY =
  "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
export const OTHER_KEY = Buffer.from([4, ...Array<number>(64).fill(7)]).toString("base64url");
const SUBSCRIPTION = {
  endpoint: "https://fcm.googleapis.com/fcm/send/abc:def",
  expirationTime: null,
  keys: {
    p256dh: "BIPUL12DLfytvTajnryr2PRdAgXS3HGKiLqndGcJGabyhHheJYlNGCeXl1dn18gSJ1WAkAPIxr4gK0_dQds4yiI",
    auth: "FPssNDTKnInHVndSTdbKFw",
  },
};

export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

/** A fetch that records each call and answers from `answers` ("METHOD /path" → [status, body]), else 200 {}. */
export function recordingFetch(answers: Record<string, [number, unknown]> = {}) {
  const calls: Recorded[] = [];
  const defaults: Record<string, [number, unknown]> = {
    "GET /v1/push/vapid-public-key": [200, { key: VAPID_KEY }],
    "POST /v1/devices": [201, { device_id: "dev-1", token: "tok-1" }],
    "DELETE /v1/devices/me": [204, null],
  };
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    const text = typeof init?.body === "string" ? init.body : undefined;
    calls.push({
      method,
      path: url.pathname,
      authorization: new Headers(init?.headers).get("authorization"),
      body: text === undefined ? undefined : JSON.parse(text),
    });
    const [status, body] = answers[`${method} ${url.pathname}`] ??
      defaults[`${method} ${url.pathname}`] ?? [200, {}];
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

class FakeWorker implements ServiceWorkerLike {
  private readonly listeners = new Set<() => void>();
  constructor(public state: string) {}
  addEventListener(_: "statechange", cb: () => void) {
    this.listeners.add(cb);
  }
  removeEventListener(_: "statechange", cb: () => void) {
    this.listeners.delete(cb);
  }
  become(state: string) {
    this.state = state;
    this.listeners.forEach((cb) => {
      cb();
    });
  }
}

export interface FakeBrowserOptions {
  permission?: "default" | "granted" | "denied";
  /** What the permission prompt answers. */
  answer?: "default" | "granted" | "denied";
  /** A subscription that already exists, made with this key. */
  subscribedWith?: string;
  /** The worker is already active (a returning visitor), or still installing. */
  active?: boolean;
  subscribeError?: { name: string; message: string };
}

export function fakeBrowser(o: FakeBrowserOptions = {}) {
  const log: unknown[] = [];
  const worker = new FakeWorker(o.active === false ? "installing" : "activated");
  const subscription = (key: Uint8Array): PushSubscriptionLike => {
    const sub: PushSubscriptionLike = {
      options: { applicationServerKey: key.slice().buffer },
      toJSON: () => structuredClone(SUBSCRIPTION),
      unsubscribe: async () => {
        log.push("unsubscribe");
        if (current === sub) current = null;
        return true;
      },
    };
    return sub;
  };
  let current: PushSubscriptionLike | null = o.subscribedWith
    ? subscription(Buffer.from(o.subscribedWith, "base64url"))
    : null;
  const registration: RegistrationLike & { active: ServiceWorkerLike | null } = {
    active: o.active === false ? null : worker,
    installing: o.active === false ? worker : null,
    waiting: null,
    pushManager: {
      getSubscription: async () => current,
      subscribe: async (options) => {
        log.push([
          "subscribe",
          {
            userVisibleOnly: options.userVisibleOnly,
            key: Buffer.from(options.applicationServerKey).toString("base64url"),
          },
        ]);
        if (o.subscribeError)
          throw Object.assign(new Error(o.subscribeError.message), { name: o.subscribeError.name });
        return (current = subscription(options.applicationServerKey));
      },
    },
  };
  const notification = {
    permission: o.permission ?? "granted",
    requestPermission: async () => {
      log.push("requestPermission");
      return (notification.permission = o.answer ?? "granted");
    },
  };
  const browser: BrowserPush = {
    navigator: {
      serviceWorker: {
        register: async (url, options) => {
          log.push(["register", url, options]);
          return registration;
        },
        getRegistration: async () => registration,
      },
    },
    PushManager: class {},
    Notification: notification,
  };
  return {
    browser,
    log,
    get subscription() {
      return current;
    },
    /** The installing worker finishes: activating (the registration gets it as active), or failing. */
    install(outcome: "activated" | "redundant") {
      if (outcome === "activated") registration.active = worker;
      worker.become(outcome);
    },
  };
}
