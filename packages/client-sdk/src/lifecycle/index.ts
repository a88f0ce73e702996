/**
 * Tells the SDK whether the app is in the foreground and online. `subscribe` reports the current state at
 * once, then every change, and returns an unsubscribe. While inactive the SDK pauses its heartbeats (timers
 * are throttled or frozen in the background, so silence proves nothing); on becoming active it checks the
 * socket at once and reconnects without waiting for the backoff.
 */
export interface Lifecycle {
  subscribe(cb: (active: boolean) => void): () => void;
}

interface EventSource {
  addEventListener(type: string, cb: () => void): void;
  removeEventListener(type: string, cb: () => void): void;
}
type Env = {
  document?: EventSource & { visibilityState?: string };
  navigator?: { onLine?: boolean };
} & Partial<EventSource>;

/** Page visibility and the browser's online/offline events; `null` where there is no `document` (servers, React Native). */
export function browserLifecycle(env: Env = globalThis as Env): Lifecycle | null {
  const doc = env.document;
  if (!doc?.addEventListener) return null;
  return {
    subscribe(cb) {
      const report = () => cb(doc.visibilityState !== "hidden" && env.navigator?.onLine !== false);
      doc.addEventListener("visibilitychange", report);
      env.addEventListener?.("online", report);
      env.addEventListener?.("offline", report);
      report();
      return () => {
        doc.removeEventListener("visibilitychange", report);
        env.removeEventListener?.("online", report);
        env.removeEventListener?.("offline", report);
      };
    },
  };
}

/** The slice of React Native's `AppState` the adapter uses. */
export interface AppStateLike {
  currentState?: string | null;
  addEventListener(type: "change", cb: (state: string) => void): { remove(): void };
}

/**
 * React Native: `createClient({ lifecycle: appStateLifecycle(AppState) })`. Only "background" counts as
 * inactive: iOS passes through "inactive" for a pulled-down notification centre, and the socket lives on.
 */
export function appStateLifecycle(appState: AppStateLike): Lifecycle {
  return {
    subscribe(cb) {
      cb(appState.currentState !== "background");
      const sub = appState.addEventListener("change", (s) => cb(s !== "background"));
      return () => sub.remove();
    },
  };
}
