import { describe, expect, it, vi } from "vitest";
import type { Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";
import { useHarness } from "../testing/harness.js";
import { linkServiceWorker, type PageServiceWorkerContainer } from "./live.js";

const h = useHarness();

/** navigator.serviceWorker with an active worker that records what it is sent. */
function fakeContainer() {
  const posted: unknown[] = [];
  const listeners = new Map<string, Set<(event: any) => void>>();
  const container: PageServiceWorkerContainer = {
    ready: Promise.resolve({ active: { postMessage: (m: unknown) => void posted.push(m) } }),
    addEventListener: (type, cb) =>
      void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(cb),
    removeEventListener: (type, cb) => void listeners.get(type)?.delete(cb),
  };
  const fire = (type: string, event: unknown = {}) =>
    listeners.get(type)?.forEach((cb) => {
      cb(event);
    });
  return { container, posted, fire, lists: () => posted.map((m) => (m as { matches: string[] }).matches) };
}

function fakeHandle(id: string, status: Status = "connecting") {
  const emitter = new Emitter<{ status: Status }>();
  return {
    id,
    status,
    on: (type: "status", cb: (s: Status) => void) => emitter.on(type, cb),
    set(s: Status) {
      this.status = s;
      emitter.emit("status", s);
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("linkServiceWorker (the page's side)", () => {
  it("tells the worker which matches are live, on every change and only then", async () => {
    const sw = fakeContainer();
    const link = linkServiceWorker(sw.container);
    const a = fakeHandle("a");
    const b = fakeHandle("b", "live");
    link.watch(a);
    link.watch(b);
    a.set("live");
    a.set("live");
    b.set("recovering");
    a.set("offline");
    await flush();
    expect(sw.lists()).toEqual([[], ["b"], ["a", "b"], ["a"], []]);
    expect(sw.posted[0]).toEqual({ type: "buzz:live", matches: [] });
  });

  it("keeps a match live while any of its handles is, and forgets an unwatched one", async () => {
    const sw = fakeContainer();
    const link = linkServiceWorker(sw.container);
    const first = fakeHandle("m", "live");
    const second = fakeHandle("m", "live");
    link.watch(first);
    const unwatch = link.watch(second);
    first.set("offline");
    expect(link.live).toEqual(["m"]);
    unwatch();
    second.set("live");
    expect(link.live).toEqual([]);
  });

  it("answers a restarted worker's question on its port, and tells a new worker at once", async () => {
    const sw = fakeContainer();
    const link = linkServiceWorker(sw.container);
    link.watch(fakeHandle("m", "live"));
    const answers: unknown[] = [];
    sw.fire("message", {
      data: { type: "buzz:live?" },
      ports: [{ postMessage: (m: unknown) => answers.push(m) }],
    });
    sw.fire("message", {
      data: { type: "something-else" },
      ports: [{ postMessage: (m: unknown) => answers.push(m) }],
    });
    expect(answers).toEqual([{ type: "buzz:live", matches: ["m"] }]);
    await flush();
    const before = sw.posted.length;
    sw.fire("controllerchange");
    await flush();
    expect(sw.posted.slice(before)).toEqual([{ type: "buzz:live", matches: ["m"] }]);
  });

  it("on close tells the worker it is live on nothing, and stops answering", async () => {
    const sw = fakeContainer();
    const link = linkServiceWorker(sw.container);
    const handle = fakeHandle("m", "live");
    link.watch(handle);
    link.close();
    handle.set("recovering");
    handle.set("live");
    await flush();
    expect(sw.lists()).toEqual([["m"], []]);
    const answers: unknown[] = [];
    sw.fire("message", {
      data: { type: "buzz:live?" },
      ports: [{ postMessage: (m: unknown) => answers.push(m) }],
    });
    expect(answers).toEqual([]);
  });

  it("follows a real match handle's status", async () => {
    h.server.match("real");
    const sw = fakeContainer();
    const link = linkServiceWorker(sw.container);
    const handle = h.client().match("real");
    link.watch(handle);
    await vi.waitFor(() => expect(sw.lists().at(-1)).toEqual(["real"]), { timeout: 5000, interval: 5 });
    handle.close();
    await vi.waitFor(() => expect(sw.lists().at(-1)).toEqual([]), { timeout: 5000, interval: 5 });
  });

  it("works without service workers (React Native, old browsers): it only keeps the list", () => {
    const link = linkServiceWorker(undefined);
    link.watch(fakeHandle("m", "live"));
    expect(link.live).toEqual(["m"]);
    link.close();
  });
});
