import { type AppStateLike, appStateLifecycle, type Lifecycle } from "./index.js";

/** The slice of `@react-native-community/netinfo`'s default export the adapter uses. */
export interface NetInfoLike {
  addEventListener(listener: (state: { isConnected: boolean | null }) => void): () => void;
}

/**
 * React Native's network status: inactive while NetInfo says `isConnected: false`, so the SDK shows `offline` and
 * pauses heartbeats instead of burning its backoff on a phone in a tunnel; back online, it reconnects at once.
 * `null` (not known yet) counts as connected: only a definite "no network" pauses the feed.
 */
export function netInfoLifecycle(netInfo: NetInfoLike): Lifecycle {
  return { subscribe: (cb) => netInfo.addEventListener((state) => cb(state.isConnected !== false)) };
}

/** Active while every one of `lifecycles` is (say, in the foreground and online). */
export function allLifecycles(...lifecycles: Lifecycle[]): Lifecycle {
  return {
    subscribe(cb) {
      const active = lifecycles.map(() => true);
      let reported: boolean | undefined;
      const report = () => {
        const now = active.every(Boolean);
        if (now !== reported) cb((reported = now));
      };
      const stops = lifecycles.map((l, i) =>
        l.subscribe((a) => {
          active[i] = a;
          report();
        }),
      );
      report();
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

/**
 * `createClient({ lifecycle: reactNativeLifecycle({ appState: AppState, netInfo: NetInfo }) })`: paused in the
 * background and while offline. The SDK imports neither module; the app passes them in.
 */
export function reactNativeLifecycle(rn: { appState: AppStateLike; netInfo?: NetInfoLike }): Lifecycle {
  const app = appStateLifecycle(rn.appState);
  return rn.netInfo ? allLifecycles(app, netInfoLifecycle(rn.netInfo)) : app;
}
