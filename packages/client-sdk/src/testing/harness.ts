import { afterEach, beforeEach, vi } from "vitest";
import WebSocket from "ws";
import { type BuzzClient, type ClientOptions, createClient, type MatchHandle } from "../index.js";
import type { Lifecycle } from "../lifecycle/index.js";
import { type KeyValueStorage, memoryStorage } from "../storage/index.js";
import { FakeServer } from "./fake-server.js";

/**
 * A fresh fake server per test and a client factory with test-friendly defaults (fast backoff, no lifecycle),
 * everything closed after each test.
 */
export function useHarness() {
  const h = {
    server: undefined as unknown as FakeServer,
    clients: [] as BuzzClient[],
    /** Every client-side socket the clients opened, oldest first. */
    sockets: [] as WebSocket[],
    client(options: Partial<ClientOptions> = {}): BuzzClient {
      const c = createClient({
        baseUrl: h.server.baseUrl,
        WebSocket: class extends WebSocket {
          constructor(url: string, protocols?: string | string[]) {
            super(url, protocols);
            h.sockets.push(this);
          }
        },
        lifecycle: null,
        reconnect: { minDelayMs: 10, maxDelayMs: 50 },
        ...options,
      });
      h.clients.push(c);
      return c;
    },
  };
  beforeEach(async () => {
    h.server = await FakeServer.start();
  });
  afterEach(async () => {
    h.clients.forEach((c) => {
      c.close();
    });
    h.clients = [];
    h.sockets = [];
    await h.server.close();
  });
  return h;
}

/** A lifecycle the test drives by hand. */
export function manualLifecycle(initial = true): Lifecycle & { set(active: boolean): void } {
  let active = initial;
  const subs = new Set<(active: boolean) => void>();
  return {
    subscribe(cb) {
      subs.add(cb);
      cb(active);
      return () => void subs.delete(cb);
    },
    set(next) {
      active = next;
      subs.forEach((cb) => {
        cb(next);
      });
    },
  };
}

/** Storage whose every call resolves later, like React Native's AsyncStorage. */
export function asyncStorage(inner: KeyValueStorage = memoryStorage()): KeyValueStorage {
  const later = <T>(f: () => T) => new Promise<T>((r) => setTimeout(() => r(f())));
  return {
    getItem: (k) => later(() => inner.getItem(k) as string | null),
    setItem: (k, v) => later(() => void inner.setItem(k, v)),
    removeItem: (k) => later(() => void inner.removeItem(k)),
  };
}

/** Retries an assertion until it passes (5 s at most). */
export const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });

/** Every event the handle delivers from now on, by sequence number, in delivery order. */
export function delivered(handle: MatchHandle): number[] {
  const seqs: number[] = [];
  handle.on("event", (e) => seqs.push(e.sequence_number));
  return seqs;
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
