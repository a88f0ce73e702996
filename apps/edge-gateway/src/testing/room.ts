import type { EventInput, MatchState, PublishedEvent } from "@buzz/schema/contract";
import { initialState } from "@buzz/schema/contract";
import { type Committed, sequenceBatch } from "../match-room/sequence.js";
import { FINAL } from "./fixtures.js";

/** A room in memory: the same sequencing the Durable Object runs, with Maps instead of SQLite. */
export function room(initial?: MatchState) {
  let state: MatchState = initial ?? initialState("wc2018-64-fra-cro", FINAL, "2026-11-21T14:00:00.000Z");
  const keys = new Map<string, { event_id: string; seq: number }>();
  const log: PublishedEvent[] = [];
  const committed: Committed = {
    byKey: (k) => keys.get(k),
    correlationOf: (id) => log.find((e) => e.event_id === id)?.metadata.correlation_id ?? null,
  };
  return {
    log,
    get state() {
      return state;
    },
    async send(...inputs: EventInput[]) {
      const b = await sequenceBatch(state, inputs, committed, {
        receivedAt: new Date().toISOString(),
        now: () => new Date().toISOString(),
        windowMs: 15_000,
      });
      b.keys.forEach((k) => {
        keys.set(k.key, k);
      });
      log.push(...b.events);
      state = b.state;
      return b.results;
    },
  };
}
