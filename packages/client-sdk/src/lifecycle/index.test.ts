import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { manualLifecycle, until, useHarness } from "../testing/harness.js";
import { appStateLifecycle, browserLifecycle } from "./index.js";

const h = useHarness();

/** A page: a document that can be hidden, a window that can go offline. */
function fakePage() {
  const win = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: "visible" });
  const navigator = { onLine: true };
  const fire = (target: EventTarget, type: string) => target.dispatchEvent(new Event(type));
  return {
    env: Object.assign(win, { document, navigator }),
    hide: () => ((document.visibilityState = "hidden"), fire(document, "visibilitychange")),
    show: () => ((document.visibilityState = "visible"), fire(document, "visibilitychange")),
    offline: () => ((navigator.onLine = false), fire(win, "offline")),
    online: () => ((navigator.onLine = true), fire(win, "online")),
  };
}

describe("browserLifecycle", () => {
  it("is null where there is no document", () => {
    expect(browserLifecycle({})).toBeNull();
  });

  it("reports visible-and-online at once, then every change, until unsubscribed", () => {
    const page = fakePage();
    const seen: boolean[] = [];
    const stop = browserLifecycle(page.env)!.subscribe((a) => seen.push(a));
    page.hide();
    page.show();
    page.offline();
    page.online();
    stop();
    page.hide();
    expect(seen).toEqual([true, false, true, false, true]);
  });
});

describe("appStateLifecycle", () => {
  it("treats only 'background' as inactive and removes its listener on unsubscribe", () => {
    let listener: ((s: string) => void) | null = null;
    const AppState = {
      currentState: "active",
      addEventListener: (_: "change", cb: (s: string) => void) => (
        (listener = cb), { remove: () => (listener = null) }
      ),
    };
    const seen: boolean[] = [];
    const stop = appStateLifecycle(AppState).subscribe((a) => seen.push(a));
    listener!("inactive");
    listener!("background");
    listener!("active");
    stop();
    expect(listener).toBeNull();
    expect(seen).toEqual([true, true, false, true]);
  });
});

describe("the client under a lifecycle", () => {
  it("is offline while inactive, and checks the socket with a ping as soon as it is active again", async () => {
    const lifecycle = manualLifecycle();
    const m = h.server.match("l1");
    const handle = h.client({ lifecycle }).match("l1");
    const statuses: string[] = [];
    handle.on("status", (s) => statuses.push(s));
    await until(() => expect(handle.status).toBe("live"));
    await until(() => expect(h.server.pings).toBe(1)); // the one sent on open
    lifecycle.set(false);
    expect(handle.status).toBe("offline");
    lifecycle.set(true);
    await until(() => expect(h.server.pings).toBe(2));
    await until(() => expect(handle.status).toBe("live"));
    expect(statuses).toEqual(["live", "offline", "recovering", "live"]);
    m.append("goal-home");
    await until(() => expect(handle.state?.home.score).toBe(1));
  });

  it("reconnects at once on becoming active, without waiting out the backoff", async () => {
    const lifecycle = manualLifecycle();
    const m = h.server.match("l2");
    const handle = h
      .client({ lifecycle, reconnect: { minDelayMs: 600_000, maxDelayMs: 600_000 } })
      .match("l2");
    await until(() => expect(handle.status).toBe("live"));
    lifecycle.set(false);
    h.server.dropAll(); // the OS killed the socket in the background; the next attempt is minutes away
    m.sequence("goal-away");
    await until(() => expect(h.sockets.at(-1)!.readyState).toBe(WebSocket.CLOSED));
    lifecycle.set(true);
    await until(() => expect(handle.state?.away.score).toBe(1));
    expect(h.server.connections.map((c) => c.after)).toEqual([null, 0]);
  });

  it("starts offline when the app starts in the background", async () => {
    const handle = h.client({ lifecycle: manualLifecycle(false) }).match((h.server.match("l3"), "l3"));
    expect(handle.status).toBe("offline");
  });
});
