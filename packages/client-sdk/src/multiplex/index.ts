import type { MatchState, PublishedEvent } from "@buzz/schema/contract";
import { createClient } from "../client/index.js";
import type { Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";
import type { ClientOptions } from "../options/index.js";
import { MAX_MULTI_MATCHES } from "./hub.js";

export { MAX_MULTI_MATCHES };

export interface MultiMatchEvents {
  /** A new event of one match, delivered once, in that match's sequence order. */
  event: { match_id: string; event: PublishedEvent };
  /** One match's projection after its snapshot or an event. */
  state: { match_id: string; state: MatchState };
  /** How many watch one match live. */
  presence: { match_id: string; watching: number };
  status: Status;
  error: Error;
}

export interface MultiMatchHandle {
  on<K extends keyof MultiMatchEvents>(type: K, cb: (value: MultiMatchEvents[K]) => void): () => void;
  /** Each match's projection, once its snapshot (or first resume) has arrived. */
  state(matchId: string): MatchState | null;
  watching(matchId: string): number | null;
  /** The shared socket's status; `failed` only once every match has failed. */
  readonly status: Status;
  close(): void;
}

/**
 * Many matches on one socket (`GET /v1/live?matches=ID:AFTER,...`), as one handle: the `client.match()` feeds of
 * a client of its own, which share one socket while two or more are open, each folded once and in order and
 * resumed from its own AFTER. A match that does not exist fails alone (an `error` event); the rest go on.
 */
export function followMatches(options: ClientOptions, matchIds: string[]): MultiMatchHandle {
  const ids = [...new Set(matchIds)];
  if (ids.length === 0 || ids.length > MAX_MULTI_MATCHES)
    throw new RangeError(`followMatches: 1 to ${MAX_MULTI_MATCHES} matches, got ${ids.length}`);
  const client = createClient({ ...options, multiplex: true });
  const emitter = new Emitter<MultiMatchEvents>();
  const handles = new Map(ids.map((id) => [id, client.match(id)]));
  // The feeds on the shared socket all report its status; a failed one has left it.
  const status = (): Status => [...handles.values()].find((m) => m.status !== "failed")?.status ?? "failed";
  let reported = status();
  for (const [match_id, m] of handles) {
    m.on("event", (event) => emitter.emit("event", { match_id, event }));
    m.on("state", (state) => emitter.emit("state", { match_id, state }));
    m.on("presence", (watching) => emitter.emit("presence", { match_id, watching }));
    m.on("error", (err) => emitter.emit("error", err));
    m.on("status", () => {
      if (status() !== reported) emitter.emit("status", (reported = status()));
    });
  }
  return {
    on: (type, cb) => emitter.on(type, cb),
    state: (id) => handles.get(id)?.state ?? null,
    watching: (id) => handles.get(id)?.getSnapshot().watching ?? null,
    get status() {
      return status();
    },
    close() {
      client.close();
      emitter.clear();
    },
  };
}
