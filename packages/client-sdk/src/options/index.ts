import { ActivityHub } from "../lifecycle/hub.js";
import { browserLifecycle, type Lifecycle } from "../lifecycle/index.js";
import { type KeyValueStorage, memoryStorage } from "../storage/index.js";

/** Anything constructed like the standard WebSocket: the browser's, React Native's, or the `ws` package's. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

export interface ClientOptions {
  /** Where Buzz is, e.g. `https://buzz.example.com`; the live sockets use the same host over ws(s). */
  baseUrl: string;
  /**
   * @deprecated Ignored. Match reads and live feeds are public: the device token goes only with the device calls
   * of `@buzz/client-sdk/push`. Sent on every read, it reached each cache and log on the way and cost a browser a
   * CORS preflight per read.
   */
  token?: string;
  /** Keeps each match's last state so a restarted app resumes with `after`. Default: `memoryStorage()`. */
  storage?: KeyValueStorage;
  /** Default: `globalThis.WebSocket`. In Node before 22 pass the `ws` package. */
  WebSocket?: WebSocketConstructor;
  /** Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** How often to ping the server. Default 15 000 ms. */
  heartbeatMs?: number;
  /** No message at all for this long means the socket is dead (half-open), so reconnect. Default 2 × heartbeatMs. */
  heartbeatTimeoutMs?: number;
  /** Backoff between reconnection attempts (grows ×1.3, plus up to `minDelayMs` of jitter). Default 1 000 → 15 000 ms. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /** Foreground/online signal. Default: page visibility and online/offline where `document` exists, else always active. */
  lifecycle?: Lifecycle | null;
  /** How many recent events a match handle keeps in `events`. Default 200. */
  maxEvents?: number;
  /**
   * While two or more `client.match()` feeds are open, carry up to 50 of them on one WebSocket
   * (`GET /v1/live?matches=…`) instead of one socket each; a feed opening or closing reopens that socket with each
   * match's resume position. Default true; false keeps one socket per match.
   */
  multiplex?: boolean;
}

export interface Config {
  baseUrl: string;
  storage: KeyValueStorage;
  WebSocket: WebSocketConstructor | undefined;
  fetch: typeof fetch | undefined;
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxEvents: number;
  multiplex: boolean;
  activity: ActivityHub;
}

export function resolveOptions(o: ClientOptions): Config {
  if (!o?.baseUrl) throw new TypeError("createClient: baseUrl is required");
  const heartbeatMs = o.heartbeatMs ?? 15_000;
  return {
    baseUrl: o.baseUrl.replace(/\/+$/, ""),
    storage: o.storage ?? memoryStorage(),
    WebSocket: o.WebSocket,
    fetch: o.fetch,
    heartbeatMs,
    heartbeatTimeoutMs: o.heartbeatTimeoutMs ?? 2 * heartbeatMs,
    minDelayMs: o.reconnect?.minDelayMs ?? 1000,
    maxDelayMs: o.reconnect?.maxDelayMs ?? 15_000,
    maxEvents: o.maxEvents ?? 200,
    multiplex: o.multiplex ?? true,
    activity: new ActivityHub(o.lifecycle === undefined ? browserLifecycle() : o.lifecycle),
  };
}

const g = globalThis as { WebSocket?: WebSocketConstructor; fetch?: typeof fetch };
/** Looked up when needed, not at createClient: a client made during server rendering must not fail for lack of a socket. */
export const webSocketOf = (cfg: Config) => cfg.WebSocket ?? g.WebSocket;
/** The live sockets are on the same host as the HTTP API, over ws(s). */
export const socketUrl = (cfg: Config, path: string) => cfg.baseUrl.replace(/^http/, "ws") + path;
export const fetchOf = (server: { fetch?: typeof fetch | undefined }): typeof fetch | undefined =>
  server.fetch ?? g.fetch?.bind(globalThis);
