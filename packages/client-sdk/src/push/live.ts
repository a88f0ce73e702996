import type { Status } from "../connection/index.js";
import type { LiveMessage, LiveQuery } from "../sw/protocol.js";

/** A match handle (`client.match(id)`), or anything with its id, status and status events. */
export interface LiveSource {
  readonly id: string;
  readonly status: Status;
  on(type: "status", cb: (status: Status) => void): () => void;
}

interface Port {
  postMessage(message: unknown): void;
}

/** The slice of `navigator.serviceWorker` the link uses. */
export interface PageServiceWorkerContainer {
  readonly ready: Promise<{ readonly active: Port | null }>;
  // biome-ignore lint/suspicious/noExplicitAny: the DOM's own listener types, without depending on the DOM lib (React Native).
  addEventListener(type: "message" | "controllerchange", cb: (event: any) => void): void;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  removeEventListener(type: "message" | "controllerchange", cb: (event: any) => void): void;
  startMessages?(): void;
}

export interface ServiceWorkerLink {
  /** Reports this handle's match as live to the worker while its status is `live`. Returns the unwatch. */
  watch(handle: LiveSource): () => void;
  /** The match ids this window is live on now. */
  readonly live: readonly string[];
  /** Stops watching and answering; the worker is told this window is live on nothing. */
  close(): void;
}

/**
 * Tells the Buzz service worker which matches this window is live on, so a push for an event the socket already
 * showed does not also pop up a notification. Posts `{type: "buzz:live", matches}` to the active worker of
 * this page's registration on every change and whenever a new worker takes over, and answers a worker's
 * `buzz:live?` (a restarted worker has forgotten). Where there are no service workers it only keeps `live`.
 */
export function linkServiceWorker(
  container = (globalThis as { navigator?: { serviceWorker?: PageServiceWorkerContainer } }).navigator
    ?.serviceWorker,
): ServiceWorkerLink {
  const watched = new Map<LiveSource, { status: Status; off: () => void }>();
  let closed = false;
  let sent = "";
  const live = () =>
    [...new Set([...watched].filter(([, w]) => w.status === "live").map(([h]) => h.id))].sort();
  const message = (): LiveMessage => ({ type: "buzz:live", matches: closed ? [] : live() });
  const send = (force = false) => {
    const msg = message();
    const key = JSON.stringify(msg.matches);
    if (!container || (key === sent && !force)) return;
    sent = key;
    // Sent in order once a worker is active: one still installing gets every change, the latest last.
    void container.ready.then((registration) => registration.active?.postMessage(msg));
  };
  const onMessage = (event: { data?: Partial<LiveQuery>; ports?: readonly Port[] }) => {
    if (event.data?.type === "buzz:live?") event.ports?.[0]?.postMessage(message());
  };
  const onControllerChange = () => send(true);
  container?.addEventListener("message", onMessage);
  container?.addEventListener("controllerchange", onControllerChange);
  // Messages from a worker wait in a queue until this is called (or the document has loaded).
  container?.startMessages?.();

  return {
    watch(handle) {
      if (closed) return () => {};
      watched.get(handle)?.off();
      const off = handle.on("status", (status) => {
        watched.get(handle)!.status = status;
        send();
      });
      watched.set(handle, { status: handle.status, off });
      send();
      return () => {
        if (watched.get(handle)?.off !== off) return;
        off();
        watched.delete(handle);
        send();
      };
    },
    get live() {
      return live();
    },
    close() {
      if (closed) return;
      closed = true;
      send(true);
      watched.forEach((w) => {
        w.off();
      });
      watched.clear();
      container?.removeEventListener("message", onMessage);
      container?.removeEventListener("controllerchange", onControllerChange);
    },
  };
}
