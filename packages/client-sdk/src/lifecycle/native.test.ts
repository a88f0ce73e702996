import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { until, useHarness } from "../testing/harness.js";
import type { AppStateLike } from "./index.js";
import { allLifecycles, type NetInfoLike, netInfoLifecycle, reactNativeLifecycle } from "./native.js";

const h = useHarness();

/** In-memory NetInfo: the app injects the real one, so this is the whole contract (`addEventListener` → unsubscribe). */
function fakeNetInfo() {
  const listeners = new Set<(state: { isConnected: boolean | null }) => void>();
  return {
    addEventListener(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(isConnected: boolean | null) {
      for (const l of listeners) l({ isConnected });
    },
    listeners,
  } satisfies NetInfoLike & Record<string, unknown>;
}

/** In-memory AppState: `currentState` and `change` events, each subscription with its `remove()`. */
function fakeAppState(currentState = "active") {
  const listeners = new Set<(state: string) => void>();
  const appState = {
    currentState,
    addEventListener(_: "change", cb: (state: string) => void) {
      listeners.add(cb);
      return { remove: () => void listeners.delete(cb) };
    },
    set(state: string) {
      appState.currentState = state;
      for (const l of listeners) l(state);
    },
    listeners,
  };
  return appState satisfies AppStateLike;
}

describe("React Native lifecycle adapters", () => {
  it("NetInfo: offline while not connected, back live at once when connected, resuming what was missed", async () => {
    const m = h.server.match("rn");
    const netInfo = fakeNetInfo();
    const appState = fakeAppState();
    const handle = h
      .client({ lifecycle: reactNativeLifecycle({ appState, netInfo }), reconnect: { minDelayMs: 60_000 } })
      .match("rn");
    await until(() => expect(handle.status).toBe("live"));

    netInfo.set(false);
    expect(handle.status).toBe("offline");
    h.server.dropAll(); // the tunnel: the socket dies, and two goals happen meanwhile
    m.sequence("goal-home", "goal-away");
    await until(() => expect(h.sockets.at(-1)?.readyState).toBe(WebSocket.CLOSED)); // the phone noticed
    expect(handle.status).toBe("offline");

    // A one-minute backoff would still be waiting: coming back online cuts it short.
    netInfo.set(true);
    await until(() => expect(handle.state?.last_sequence).toBe(2));
    expect(handle.status).toBe("live");
    expect(h.server.connections.at(-1)?.after).toBe(0);
  });

  it("unknown connectivity (null) is not offline; the background is, whatever the network", async () => {
    h.server.match("rn2");
    const netInfo = fakeNetInfo();
    const appState = fakeAppState();
    const handle = h.client({ lifecycle: reactNativeLifecycle({ appState, netInfo }) }).match("rn2");
    netInfo.set(null);
    await until(() => expect(handle.status).toBe("live"));
    appState.set("background");
    expect(handle.status).toBe("offline");
    appState.set("active");
    await until(() => expect(handle.status).toBe("live"));
  });

  it("subscribes while a feed is open and unsubscribes from both when the last one closes", async () => {
    h.server.match("rn3");
    const netInfo = fakeNetInfo();
    const appState = fakeAppState();
    const client = h.client({ lifecycle: reactNativeLifecycle({ appState, netInfo }) });
    expect([netInfo.listeners.size, appState.listeners.size]).toEqual([0, 0]);
    const handle = client.match("rn3");
    expect([netInfo.listeners.size, appState.listeners.size]).toEqual([1, 1]);
    handle.close();
    expect([netInfo.listeners.size, appState.listeners.size]).toEqual([0, 0]);
  });

  it("allLifecycles is active only while every part is, and reports each change once", () => {
    const [a, b] = [fakeNetInfo(), fakeNetInfo()];
    const seen: boolean[] = [];
    const stop = allLifecycles(netInfoLifecycle(a), netInfoLifecycle(b)).subscribe((x) => seen.push(x));
    a.set(false);
    b.set(false);
    a.set(true);
    b.set(true);
    b.set(true);
    stop();
    a.set(false);
    expect(seen).toEqual([true, false, true]);
  });
});
