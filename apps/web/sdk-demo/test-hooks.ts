import type { BuzzClient } from "@buzz/client-sdk";

/** What the browser tests read and drive on this page (`window.buzzDemo`). */
export interface DemoHooks {
  matchId: string | null;
  client: BuzzClient;
  /** Sequence numbers in the order the SDK delivered them: each event once, in order, is the promise. */
  delivered: number[];
  /** Closes every open socket from the client side, as a network drop would; the SDK must resume. Returns how many. */
  dropSockets(): number;
  /** The service worker registration, once /sw.js is active (null where there are no service workers). */
  serviceWorker: Promise<unknown>;
}

declare global {
  interface Window {
    buzzDemo: DemoHooks;
  }
}

const sockets = new Set<WebSocket>();

/** The browser's WebSocket, with every instance kept so a test can cut them. */
export class TrackedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.add(this);
    this.addEventListener("close", () => sockets.delete(this));
  }
}

export function dropSockets(): number {
  const open = [...sockets].filter((s) => s.readyState === WebSocket.OPEN);
  open.forEach((s) => {
    s.close(4000, "dropped by the test");
  });
  return open.length;
}
