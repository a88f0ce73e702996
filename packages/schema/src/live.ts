import { z } from "zod";
import type { PublishedEvent } from "./published.js";
import type { MatchState, MatchSummary } from "./state.js";

/** Messages the server sends on `GET /v1/matches/{id}/live`. */
export type LiveServerMessage =
  | { type: "snapshot"; sequence_number: number; state: MatchState }
  | { type: "event"; event: PublishedEvent }
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

/** Messages on `GET /v1/live/matches`: the whole list on connect, then each match as it changes. */
export type MatchesLiveMessage =
  | { type: "matches"; matches: MatchSummary[] }
  | { type: "match"; match: MatchSummary }
  | { type: "pong" };

/** Messages a client may send. */
export const LiveClientMessageSchema = z.discriminatedUnion("type", [z.object({ type: z.literal("ping") })]);
export type LiveClientMessage = z.infer<typeof LiveClientMessageSchema>;

/*
 * `GET /v1/matches/{id}/stream` (SSE) sends the same messages as unnamed frames, so a plain
 * `EventSource.onmessage` sees them: `data:` is a LiveServerMessage, `id:` its sequence number
 * (the snapshot's is `last_sequence`), and `Last-Event-ID` resumes after it.
 */

export interface IngestResult {
  event_id: string;
  sequence_number: number;
  status: "sequenced" | "duplicate" | "amended";
}
export interface IngestResponse {
  results: IngestResult[];
}
