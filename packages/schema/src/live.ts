import { z } from "zod";
import type { PublishedEvent } from "./published.js";
import type { MatchState } from "./state.js";

/** Messages the server sends on `GET /v1/matches/{id}/live`. */
export type LiveServerMessage =
  | { type: "snapshot"; sequence_number: number; state: MatchState }
  | { type: "event"; event: PublishedEvent }
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

/** Messages a client may send. */
export const LiveClientMessageSchema = z.discriminatedUnion("type", [z.object({ type: z.literal("ping") })]);
export type LiveClientMessage = z.infer<typeof LiveClientMessageSchema>;

/** `event:` names on `GET /v1/matches/{id}/stream`; each `id:` is a sequence number. */
export const SSE_EVENT_NAMES = { snapshot: "snapshot", event: "event" } as const;

export interface IngestResult {
  event_id: string;
  sequence_number: number;
  status: "sequenced" | "duplicate" | "amended";
}
export interface IngestResponse {
  results: IngestResult[];
}
