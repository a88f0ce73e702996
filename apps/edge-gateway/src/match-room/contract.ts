import type {
  EventInput,
  FixtureInput,
  IngestResult,
  MatchState,
  MatchView,
  PublishedEvent,
} from "@buzz/schema/contract";
import type { RpcResult } from "../errors/rpc.js";

/** What the Worker asks of a match's room (addressed by the match id: the room reads it from ctx.id.name). */
export interface MatchRoomApi {
  /** Create or update the fixture (idempotent). */
  putFixture(fixture: FixtureInput): Promise<RpcResult<{ created: boolean; state: MatchState }>>;
  /** Sequence a batch, all or nothing; `events` are already schema-valid. 404 if no fixture. */
  ingest(events: EventInput[], receivedAt: string): Promise<RpcResult<{ results: IngestResult[] }>>;
  /** The projection; 404 if no fixture. */
  state(): Promise<RpcResult<MatchState>>;
  /** The projection and how many clients are watching it live; 404 if no fixture. */
  view(): Promise<RpcResult<MatchView>>;
  /** The log after `after`, at most `limit` events. 404 if no fixture. */
  events(after: number, limit: number): Promise<RpcResult<{ events: PublishedEvent[]; next_after: number }>>;
  /**
   * A fan-out shard's count of its open sockets, and how many it took since its last report (live-shard/registry.ts);
   * a shard of an older deploy leaves `joined` out.
   */
  shardSockets(k: number, sockets: number, joined?: number): Promise<void>;
  /** Puts the whole log back in the outbox, for a pipeline replay. 404 if no fixture. */
  requeueLog(): Promise<RpcResult<{ events: number }>>;
}
