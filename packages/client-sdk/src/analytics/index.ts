import type { MatchAnalytics, PublishedEvent } from "@buzz/schema/contract";
import { BuzzHttpError } from "../client/http.js";
import type { MatchHandle } from "../client/index.js";
import { Emitter } from "../emitter/index.js";
import { type AnalyticsServer, matchAnalytics } from "./fetch.js";

export { type AnalyticsServer, matchAnalytics } from "./fetch.js";

/**
 * `loading` until the first answer; `ready` with data; `unavailable` when the server says it cannot serve analytics
 * now (503: its database is not configured or not answering); `error` for anything else (e.g. no such match).
 */
export type AnalyticsStatus = "loading" | "ready" | "unavailable" | "error";

export interface AnalyticsSnapshot {
  status: AnalyticsStatus;
  /** The latest analytics read; kept through a later failure, so a page need not go blank. */
  analytics: MatchAnalytics | null;
  error: { status: number; code: string; message: string } | null;
}

export interface AnalyticsOptions {
  /** Quiet time after the last new shot, goal or period before reading again, so a burst costs one read. Default 1000 ms. */
  debounceMs?: number;
  /** While events are sequenced but not yet enriched (`pending`), read again after this. Default 2000 ms. */
  pendingRetryMs?: number;
  /** How many such reads in a row before waiting for the next event instead. Default 15. */
  maxPendingRetries?: number;
  /** After a failure, read again after this. Default 10 000 ms. */
  retryMs?: number;
}

/** The events that change expected goals or win probability. Cards and substitutions do not. */
const CHANGES = new Set<PublishedEvent["event_type"]>([
  "SHOT",
  "GOAL_SCORED",
  "GOAL_AMENDED",
  "GOAL_CANCELLED",
  "PERIOD_STARTED",
  "PERIOD_ENDED",
  "PENALTY_SHOOTOUT_KICK",
  "MATCH_ENDED",
]);

/** What the feed needs of a client: where the server is, and the match's live events. */
export interface AnalyticsSource extends AnalyticsServer {
  match(id: string): Pick<MatchHandle, "on" | "close">;
}

/**
 * One match's analytics, read again after the match's events change (debounced), and again while the pipeline is
 * still enriching what was just sequenced. Reads never overlap; `close()` stops everything.
 */
export class MatchAnalyticsFeed {
  readonly #emitter = new Emitter<{ change: AnalyticsSnapshot }>();
  #snapshot: AnalyticsSnapshot = { status: "loading", analytics: null, error: null };
  readonly #handle: Pick<MatchHandle, "on" | "close">;
  readonly #offEvent: () => void;
  readonly #offState: () => void;
  /** The last sequence the live handle has shown: reads ask until it, so readers on one state share one answer. */
  #known: number | undefined;
  readonly #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reading = false;
  #again = false;
  #pendingReads = 0;
  #closed = false;
  readonly #o: Required<AnalyticsOptions>;
  readonly #source: AnalyticsSource;

  constructor(
    source: AnalyticsSource,
    readonly matchId: string,
    options: AnalyticsOptions = {},
  ) {
    this.#source = source;
    this.#o = { debounceMs: 1000, pendingRetryMs: 2000, maxPendingRetries: 15, retryMs: 10_000, ...options };
    this.#handle = source.match(matchId);
    this.#offState = this.#handle.on("state", (state) => {
      this.#known = Math.max(this.#known ?? 0, state.last_sequence);
    });
    this.#offEvent = this.#handle.on("event", (e) => {
      if (!CHANGES.has(e.event_type)) return;
      this.#pendingReads = 0;
      this.#schedule(this.#o.debounceMs);
    });
    void this.#read();
  }

  on(type: "change", cb: (snapshot: AnalyticsSnapshot) => void): () => void {
    return this.#emitter.on(type, cb);
  }

  getSnapshot(): AnalyticsSnapshot {
    return this.#snapshot;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#abort.abort();
    this.#offEvent();
    this.#offState();
    this.#handle.close();
    this.#emitter.clear();
  }

  #schedule(ms: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#read(), ms);
  }

  async #read(): Promise<void> {
    if (this.#reading) return void (this.#again = true);
    this.#reading = true;
    try {
      const analytics = await matchAnalytics(this.#source, this.matchId, {
        signal: this.#abort.signal,
        until: this.#known,
      });
      if (this.#closed) return;
      this.#set({ status: "ready", analytics, error: null });
      if (analytics.pending > 0 && this.#pendingReads++ < this.#o.maxPendingRetries)
        this.#schedule(this.#o.pendingRetryMs);
    } catch (err) {
      if (this.#closed) return;
      const error =
        err instanceof BuzzHttpError
          ? { status: err.status, code: err.code, message: err.message }
          : { status: 0, code: "network_error", message: String(err) };
      this.#set({
        status: error.status === 503 ? "unavailable" : "error",
        analytics: this.#snapshot.analytics,
        error,
      });
      if (error.status !== 404) this.#schedule(this.#o.retryMs);
    } finally {
      this.#reading = false;
      if (this.#again && !this.#closed) {
        this.#again = false;
        void this.#read();
      }
    }
  }

  #set(next: AnalyticsSnapshot): void {
    this.#snapshot = next;
    this.#emitter.emit("change", next);
  }
}
