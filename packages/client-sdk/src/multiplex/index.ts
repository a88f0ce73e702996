import type { MatchState, MultiLiveServerMessage, PublishedEvent } from "@buzz/schema/contract";
import { applyEvent } from "@buzz/schema/contract";
import { Connection, type Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";
import { type ClientOptions, resolveOptions } from "../options/index.js";

/** At most this many matches on one socket (the server refuses more). */
export const MAX_MULTI_MATCHES = 50;

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
  readonly status: Status;
  close(): void;
}

interface Followed {
  state: MatchState | null;
  seen: Set<string>;
  watching: number | null;
}

/**
 * Many matches on one socket (`GET /v1/live?matches=ID:AFTER,...`). Each match is folded as a single-match handle
 * folds it: once, in order, duplicates dropped; a gap in any match reopens the socket with every match's own AFTER,
 * so the server fills exactly what each one missed. The ids are fixed for the handle's life: a new list is a new
 * handle (and a new socket), which keeps the resume of each match independent of the others.
 */
export function followMatches(options: ClientOptions, matchIds: string[]): MultiMatchHandle {
  const ids = [...new Set(matchIds)];
  if (ids.length === 0 || ids.length > MAX_MULTI_MATCHES)
    throw new RangeError(`followMatches: 1 to ${MAX_MULTI_MATCHES} matches, got ${ids.length}`);
  const cfg = resolveOptions(options);
  const emitter = new Emitter<MultiMatchEvents>();
  const followed = new Map<string, Followed>(
    ids.map((id) => [id, { state: null, seen: new Set(), watching: null }]),
  );
  const fail = (err: Error) => emitter.emit("error", err);

  const receive = (msg: MultiLiveServerMessage) => {
    if (msg.type === "pong") return;
    if (msg.type === "error" && !("match_id" in msg))
      return fail(new Error(`${msg.error.code}: ${msg.error.message}`));
    const f = "match_id" in msg ? followed.get(msg.match_id) : undefined;
    if (!f || !("match_id" in msg)) return;
    const id = msg.match_id;
    switch (msg.type) {
      case "presence":
        f.watching = msg.watching;
        return emitter.emit("presence", { match_id: id, watching: msg.watching });
      case "error":
        return fail(new Error(`${id}: ${msg.error.code}: ${msg.error.message}`));
      case "snapshot":
        // A log behind what was seen (another deployment) starts that match over.
        if (f.state && msg.state.last_sequence < f.state.last_sequence) f.seen.clear();
        f.state = msg.state;
        return emitter.emit("state", { match_id: id, state: msg.state });
      case "event": {
        const e = msg.event;
        if (!f.state) return conn.reconnect();
        if (f.seen.has(e.event_id) || e.sequence_number <= f.state.last_sequence) return;
        if (e.sequence_number !== f.state.last_sequence + 1) return conn.reconnect();
        f.seen.add(e.event_id);
        if (f.seen.size > cfg.maxEvents) f.seen.delete(f.seen.values().next().value!);
        f.state = applyEvent(f.state, e);
        emitter.emit("event", { match_id: id, event: e });
        return emitter.emit("state", { match_id: id, state: f.state });
      }
    }
  };

  const conn = new Connection(cfg, {
    url: async () => {
      const list = ids.map(
        (id) => `${encodeURIComponent(id)}:${followed.get(id)!.state?.last_sequence ?? ""}`,
      );
      return `${cfg.baseUrl.replace(/^http/, "ws")}/v1/live?matches=${list.join(",")}`;
    },
    message: (msg) => receive(msg as MultiLiveServerMessage),
    status: (status) => emitter.emit("status", status),
    error: fail,
  });

  return {
    on: (type, cb) => emitter.on(type, cb),
    state: (id) => followed.get(id)?.state ?? null,
    watching: (id) => followed.get(id)?.watching ?? null,
    get status() {
      return conn.status;
    },
    close() {
      conn.close();
      emitter.clear();
    },
  };
}
