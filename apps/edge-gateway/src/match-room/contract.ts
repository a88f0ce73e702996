import type { EventInput, FixtureInput, IngestResult, MatchState, PublishedEvent, Issue } from "@buzz/schema";

/**
 * What crosses the Worker → MatchRoom RPC boundary. Errors travel as values because an Error thrown
 * across RPC loses its class and fields; the gateway turns a RoomError into an HTTPException.
 */
export interface RoomError {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  issues?: Issue[];
}
export type RoomResult<T> = { ok: true; value: T } | { ok: false; error: RoomError };

export interface MatchRoomApi {
  /** Create or update the fixture (idempotent). */
  putFixture(matchId: string, fixture: FixtureInput): Promise<RoomResult<{ created: boolean; state: MatchState }>>;
  /** Sequence a batch, all or nothing; `events` are already schema-valid. 404 if no fixture. */
  ingest(matchId: string, events: EventInput[], receivedAt: string): Promise<RoomResult<{ results: IngestResult[] }>>;
  /** The projection; 404 if no fixture. */
  state(): Promise<RoomResult<MatchState>>;
  /** The log after `after`, at most `limit` events. 404 if no fixture. */
  events(after: number, limit: number): Promise<RoomResult<{ events: PublishedEvent[]; next_after: number }>>;
  /** Puts the whole log back in the outbox, for a pipeline replay. 404 if no fixture. */
  requeueLog(): Promise<RoomResult<{ events: number }>>;
}

/** Header the gateway sets when it forwards /live and /stream requests to the room's fetch(). */
export const MATCH_ID_HEADER = "X-Buzz-Match-Id";
