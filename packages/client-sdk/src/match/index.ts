import type { LiveServerMessage, MatchState, PublishedEvent } from "@buzz/schema/contract";
import { applyEvent } from "@buzz/schema/contract";
import { BuzzFatalError } from "../client/http.js";
import type { Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";
import type { LiveHub, LiveLink } from "../multiplex/hub.js";
import type { Config } from "../options/index.js";
import { latestWriter, readJson } from "../storage/index.js";

export interface MatchEvents {
  /** A new event, delivered once, in sequence order. */
  event: PublishedEvent;
  /** The projection after a snapshot or an event. */
  state: MatchState;
  status: Status;
  /** How many clients watch this match live (v1.1), when it changes; at most once a second. */
  presence: number;
  error: Error;
}

export interface MatchSnapshot {
  state: MatchState | null;
  events: readonly PublishedEvent[];
  status: Status;
  /** Why the feed ended when `status` is `failed` (e.g. 404 `match_not_found`), else null. */
  error: BuzzFatalError | null;
  /** How many clients watch the match live, from the server's last presence message; null until one came. */
  watching: number | null;
}

/**
 * One match's live state, shared by every handle on it. Folds each event into the projection exactly once and
 * in order: duplicates (by event_id, or at or below the last applied sequence) are dropped, and a gap is never
 * applied: the socket is reopened with `after` = the last applied sequence, so the server fills it. Which socket
 * carries it (its own, or one shared with the client's other open matches) is the hub's business.
 */
export class MatchFeed {
  readonly emitter = new Emitter<MatchEvents>();
  snapshot: MatchSnapshot = { state: null, events: [], status: "connecting", error: null, watching: null };
  readonly #seen = new Set<string>();
  readonly #save: (state: MatchState) => void;
  readonly #loaded: Promise<void>;
  readonly #link: LiveLink;
  readonly #cfg: Config;

  constructor(
    cfg: Config,
    readonly id: string,
    hub: LiveHub,
  ) {
    this.#cfg = cfg;
    const key = `buzz:${cfg.baseUrl}:match:${id}`;
    this.#save = latestWriter(cfg.storage, key, (err) => this.#fail(err));
    // The first URL waits for this, so no live message can arrive before the stored state is in place.
    this.#loaded = readJson<MatchState>(cfg.storage, key).then((stored) => {
      if (stored) this.#set({ state: stored }, "state");
    });
    this.#link = hub.join({
      id,
      after: async () => {
        await this.#loaded;
        return this.snapshot.state?.last_sequence;
      },
      receive: (msg) => this.#receive(msg),
      status: (status) => status !== this.snapshot.status && this.#set({ status }, "status"),
      error: (err) => this.#fail(err),
    });
  }

  close(): void {
    this.#link.leave();
    if (this.snapshot.status !== "failed" && this.snapshot.status !== "offline")
      this.#set({ status: "offline" }, "status");
    this.emitter.clear();
  }

  #receive(msg: LiveServerMessage) {
    if (msg.type === "snapshot") return this.#restart(msg.state);
    if (msg.type === "error") return this.#fail(new Error(`${msg.error.code}: ${msg.error.message}`));
    if (msg.type === "presence") {
      this.snapshot = { ...this.snapshot, watching: msg.watching };
      return this.emitter.emit("presence", msg.watching);
    }
    if (msg.type !== "event") return;
    const e = msg.event;
    const state = this.snapshot.state;
    if (!state) return this.#link.resume(); // an event with nothing to fold it into: ask again for a snapshot
    if (this.#seen.has(e.event_id) || e.sequence_number <= state.last_sequence) return;
    if (e.sequence_number !== state.last_sequence + 1) return this.#link.resume();
    const events = [...this.snapshot.events, e];
    this.#seen.add(e.event_id);
    while (events.length > this.#cfg.maxEvents) this.#seen.delete(events.shift()!.event_id);
    this.#commit(applyEvent(state, e), events, e);
  }

  /** A snapshot: the first connect, or a server whose log is behind what was stored (another deployment). */
  #restart(state: MatchState) {
    const prev = this.snapshot.state;
    const sameLog = prev !== null && state.last_sequence >= prev.last_sequence;
    if (!sameLog) this.#seen.clear();
    this.#commit(state, sameLog ? this.snapshot.events : [], null);
  }

  #commit(state: MatchState, events: readonly PublishedEvent[], event: PublishedEvent | null) {
    // Handed to storage before anyone is told, so an app killed right after showing a goal resumes after it.
    this.#save(state);
    this.snapshot = { ...this.snapshot, state, events };
    if (event) this.emitter.emit("event", event);
    this.emitter.emit("state", state);
  }

  #set(patch: Partial<MatchSnapshot>, type: "state" | "status") {
    this.snapshot = { ...this.snapshot, ...patch };
    if (type === "state") this.emitter.emit("state", this.snapshot.state!);
    else this.emitter.emit("status", this.snapshot.status);
  }

  #fail(err: unknown) {
    if (err instanceof BuzzFatalError) this.snapshot = { ...this.snapshot, error: err };
    this.emitter.emit("error", err instanceof Error ? err : new Error(String(err)));
  }
}
