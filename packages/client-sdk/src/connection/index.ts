import ReconnectingWebSocket from "partysocket/ws";
import { type BuzzFatalError, fatalOf, isFatalStatus } from "../client/http.js";
import { type Config, webSocketOf } from "../options/index.js";

/**
 * - `connecting`: never confirmed yet; `live`: the server spoke on the current socket;
 * - `recovering`: was live, the socket dropped or is being checked; `offline`: closed, in the background, or no network;
 * - `failed`: the server refused the feed for good (404 no such match, 401, 403); no more retries, see `error`.
 */
export type Status = "connecting" | "live" | "recovering" | "offline" | "failed";

export interface ServerMessage {
  type: string;
}

export interface ConnectionHandlers {
  /** The URL to open, asked again before every attempt so a reconnect resumes from what was seen last. */
  url(): Promise<string>;
  message(msg: ServerMessage): void;
  status(status: Status): void;
  error(err: Error): void;
  /**
   * Over plain HTTP, whether the feed can open at all: a fatal answer ends the retries. Asked after attempts that
   * never opened (the 1st, 2nd, 4th, 8th… in a row, so an outage costs few extra requests), and at once when the
   * runtime tells the upgrade was refused with 401/403/404 (the `ws` package does; browsers never do).
   */
  probe?(): Promise<BuzzFatalError | null>;
  /**
   * Whether a 401/403/404 refusal the runtime reports ends the feed even when `probe` finds nothing wrong (a proxy,
   * another route). Default true. A socket carrying many matches says false: its refusal may name one match only,
   * and its `probe` ends that match's feed alone.
   */
  refusalIsFinal?: boolean;
}

// Exactly this text: the MatchRoom answers it without waking from hibernation.
const PING = '{"type":"ping"}';
const navigatorOffline = () =>
  (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;

/** One live feed: partysocket's reconnecting socket, plus heartbeats that catch half-open sockets, plus status. */
export class Connection {
  readonly #ws: ReconnectingWebSocket;
  readonly #unwatch: () => void;
  #confirmed = false;
  #everLive = false;
  #closed = false;
  #failure: BuzzFatalError | undefined;
  #attempts = 0;
  #openedAttempt = false;
  /** Attempts in a row whose socket never opened. */
  #unopened = 0;
  /** The status the last upgrade was refused with, where the runtime says (`ws`: "Unexpected server response: 404"). */
  #refusedWith: number | undefined;
  /** Bumped whenever the socket is lost, so a message handled as the socket dies does not confirm the next one. */
  #epoch = 0;
  #reported: Status = "connecting";
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #deadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the current backoff wait early, if one is running. */
  #wake: (() => void) | undefined;
  readonly #cfg: Config;
  readonly #h: ConnectionHandlers;

  constructor(cfg: Config, h: ConnectionHandlers) {
    this.#cfg = cfg;
    this.#h = h;
    const WebSocket = webSocketOf(cfg);
    if (!WebSocket)
      throw new Error(
        "@buzz/client-sdk: no WebSocket in this runtime; pass options.WebSocket (in Node: the ws package)",
      );
    // partysocket's own delays are zeroed: nextUrl() does the waiting (see backoff).
    this.#ws = new ReconnectingWebSocket(() => this.#nextUrl(), undefined, {
      WebSocket,
      minReconnectionDelay: 0,
      maxReconnectionDelay: 0,
    });
    this.#ws.addEventListener("open", () => this.#opened());
    this.#ws.addEventListener("message", (e) => this.#received(e.data));
    this.#ws.addEventListener("close", () => this.#lost());
    this.#ws.addEventListener("error", (e) => {
      const refused = /Unexpected server response: (\d{3})/.exec(e.message ?? "")?.[1];
      if (refused) this.#refusedWith = Number(refused);
      h.error(new Error(e.message || "WebSocket error"));
    });
    this.#unwatch = cfg.activity.watch((active) => this.#activeChanged(active));
    this.#report();
  }

  get status(): Status {
    if (this.#failure) return "failed";
    if (this.#closed || !this.#cfg.activity.active || navigatorOffline()) return "offline";
    return this.#confirmed ? "live" : this.#everLive ? "recovering" : "connecting";
  }

  /** Drops the current socket and opens a new one at once (a gap, or a socket found dead). */
  reconnect(): void {
    if (!this.#closed) this.#ws.reconnect();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unwatch();
    this.#stopTimers();
    this.#ws.close();
    this.#wake?.();
    this.#report();
  }

  /** Before every attempt but the first after a stable connection (or a forced reconnect): back off, then ask the URL. */
  async #nextUrl(): Promise<string> {
    this.#unopened = this.#attempts++ > 0 && !this.#openedAttempt ? this.#unopened + 1 : 0;
    this.#openedAttempt = false;
    const refused = this.#refusedWith;
    this.#refusedWith = undefined;
    const retry = this.#ws.retryCount;
    // The probe runs during the backoff, and a fatal answer cuts the wait short (fail wakes it).
    const probing = this.#probing(refused)?.then((err) => err && this.#fail(err));
    if (retry > 0)
      await this.#backoff(Math.min(this.#cfg.maxDelayMs, this.#cfg.minDelayMs * 1.3 ** (retry - 1)));
    await probing;
    // After a failure partysocket sees close() was called, and opens nothing with this URL.
    return this.#h.url();
  }

  #probing(refused: number | undefined): Promise<BuzzFatalError | null> | undefined {
    const fatal = refused !== undefined && isFatalStatus(refused);
    const final = fatal && this.#h.refusalIsFinal !== false;
    const due = this.#unopened > 0 && (this.#unopened & (this.#unopened - 1)) === 0;
    if (!fatal && (refused !== undefined || !due)) return undefined;
    const viaHttp = this.#h.probe?.() ?? Promise.resolve(null);
    // A refusal the runtime reported is fatal even if the HTTP read finds nothing wrong (a proxy, another route).
    return viaHttp.then((err) => err ?? (final ? fatalOf(refused, "the live socket was refused") : null));
  }

  /** The end: no more attempts, status `failed`, the error to every listener. */
  #fail(err: BuzzFatalError) {
    if (this.#closed) return;
    this.#failure = err;
    this.#h.error(err); // first, so the feed holds the error when the status change is heard
    this.close();
  }

  /**
   * Waits `ms` with equal jitter, so a stadium of phones does not reconnect in one instant after an outage.
   * The SDK waits here rather than in partysocket so that coming back to the foreground can cut the wait short.
   */
  #backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms / 2 + (Math.random() * ms) / 2);
      this.#wake = done;
    });
  }

  #opened() {
    this.#openedAttempt = true;
    // The server owes nothing on a resume with nothing new; the pong is what confirms the socket then.
    this.#ws.send(PING);
    this.#startTimers();
  }

  #received(data: unknown) {
    this.#armDeadTimer();
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return this.#h.error(new Error("unreadable message from the server"));
    }
    const epoch = this.#epoch;
    if (msg.type !== "pong") this.#h.message(msg);
    if (epoch === this.#epoch && !this.#confirmed) {
      this.#confirmed = this.#everLive = true;
      this.#report();
    }
  }

  #lost() {
    this.#epoch++;
    this.#confirmed = false;
    this.#stopTimers();
    this.#report();
  }

  #activeChanged(active: boolean) {
    if (!active) this.#stopTimers();
    else if (this.#ws.readyState === this.#ws.OPEN) {
      // After time in the background the socket may be long dead: unconfirmed until the server answers.
      this.#confirmed = false;
      this.#ws.send(PING);
      this.#startTimers();
    } else if (this.#wake) this.#wake();
    else if (this.#ws.readyState !== this.#ws.CONNECTING) this.#ws.reconnect();
    this.#report();
  }

  #startTimers() {
    this.#stopTimers();
    if (!this.#cfg.activity.active) return;
    this.#pingTimer = setInterval(
      () => this.#ws.readyState === this.#ws.OPEN && this.#ws.send(PING),
      this.#cfg.heartbeatMs,
    );
    this.#armDeadTimer();
  }

  /** Any message proves the socket alive; silence for heartbeatTimeoutMs despite pings means it is not. */
  #armDeadTimer() {
    clearTimeout(this.#deadTimer);
    if (this.#pingTimer === undefined) return;
    this.#deadTimer = setTimeout(() => this.#ws.reconnect(), this.#cfg.heartbeatTimeoutMs);
  }

  #stopTimers() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadTimer);
    this.#pingTimer = this.#deadTimer = undefined;
  }

  #report() {
    const s = this.status;
    if (s !== this.#reported) this.#h.status((this.#reported = s));
  }
}
