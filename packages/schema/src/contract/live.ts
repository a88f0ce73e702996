import type { PublishedEvent } from "./published.js";
import type { MatchState, MatchSummary } from "./state.js";

/**
 * "Who is watching" (v1.1): how many clients hold a live socket or stream on the match, sent at most once a
 * second while the count changes. Not part of the log: it has no sequence number and resumes nothing.
 */
export interface PresenceMessage {
  type: "presence";
  match_id: string;
  watching: number;
}

/** Messages the server sends on `GET /v1/matches/{id}/live`. */
export type LiveServerMessage =
  | { type: "snapshot"; sequence_number: number; state: MatchState }
  | { type: "event"; event: PublishedEvent }
  | PresenceMessage
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

/**
 * Messages on `GET /v1/live?matches=ID:AFTER,...` (v1.1): each match's own live messages, each naming its match,
 * in order per match; the socket's own pong and errors name none.
 */
export type MultiLiveServerMessage =
  | (Extract<LiveServerMessage, { type: "snapshot" | "event" | "error" }> & { match_id: string })
  | PresenceMessage
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

/** `GET /v1/matches/{id}`: the projection and how many are watching it live. */
export type MatchView = MatchState & { watching: number };

/** Messages on `GET /v1/live/matches`: the whole list on connect, then each match as it changes. */
export type MatchesLiveMessage =
  | { type: "matches"; matches: MatchSummary[] }
  | { type: "match"; match: MatchSummary }
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

/** Messages a client may send. */
export type LiveClientMessage = { type: "ping" };

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
