import { DurableObject } from "cloudflare:workers";
import type { MatchesLiveMessage, MatchStatus, MatchSummary } from "@buzz/schema/contract";
import { alertsOf } from "../alerts/monitor.js";
import { listShardOf } from "../list-shard/index.js";
import { shardThreshold } from "../live-shard/order.js";
import { ShardRegistry } from "../live-shard/registry.js";
import { followShard, toShard } from "../live-shard/route.js";
import { answerClose, answerMessage, answerPings, openSockets, sendToAll } from "../ws/index.js";

/** What a room's sweeper found: events it requeued now, events unarchived a window after publication, its outbox. */
export interface ArchiveReport {
  requeued: number;
  unarchived: number;
  outboxOldestMs: number | null;
}

export interface DirectoryFilter {
  status?: MatchStatus;
  competition?: string;
}

/**
 * The list behind `GET /v1/matches`: one summary per match, pushed by each MatchRoom after every change.
 * Rooms call upsert without awaiting each other, so updates can arrive out of order; a summary never
 * replaces a newer one.
 */
export class MatchDirectory extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private monitorStarted = false;
  /** The live list's sockets past LIVE_SHARD_SOCKETS, in ListShard objects, as a match's past its room's. */
  private readonly shards: ShardRegistry;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPings(ctx);
    this.shards = new ShardRegistry(
      ctx,
      shardThreshold(env.LIVE_SHARD_SOCKETS),
      () => {},
      () => ({ feed: "matches" }),
    );
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS matches (
      match_id TEXT PRIMARY KEY,
      competition_id TEXT NOT NULL,
      status TEXT NOT NULL,
      kickoff_ms INTEGER NOT NULL,
      last_sequence INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      summary TEXT NOT NULL
    )`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS matches_by_kickoff ON matches (kickoff_ms, match_id)");
    this.sql.exec(`CREATE TABLE IF NOT EXISTS archive_reports (
      match_id TEXT PRIMARY KEY,
      requeued INTEGER NOT NULL DEFAULT 0,
      unarchived INTEGER NOT NULL DEFAULT 0,
      outbox_oldest_ms INTEGER
    )`);
  }

  /** Newer wins: by last_sequence, then by updated_at (a fixture edit moves updated_at but not the sequence). */
  async upsert(summary: MatchSummary): Promise<void> {
    // The first match to move starts the alert monitor, which then keeps its own alarm.
    if (!this.monitorStarted)
      this.ctx.waitUntil(
        alertsOf(this.env)
          .start()
          .then(() => void (this.monitorStarted = true)),
      );
    const { rowsWritten } = this.sql.exec(
      `INSERT INTO matches (match_id, competition_id, status, kickoff_ms, last_sequence, updated_ms, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (match_id) DO UPDATE SET
         competition_id = excluded.competition_id, status = excluded.status, kickoff_ms = excluded.kickoff_ms,
         last_sequence = excluded.last_sequence, updated_ms = excluded.updated_ms, summary = excluded.summary
       WHERE excluded.last_sequence > matches.last_sequence
          OR (excluded.last_sequence = matches.last_sequence AND excluded.updated_ms >= matches.updated_ms)`,
      summary.match_id,
      summary.competition.id,
      summary.status,
      Date.parse(summary.kickoff_at),
      summary.last_sequence,
      Date.parse(summary.updated_at),
      JSON.stringify(summary),
    );
    if (rowsWritten === 0) return;
    this.broadcast({ type: "match", match: summary });
    this.shards.deliver((k) => listShardOf(this.env, k).deliver(summary));
  }

  /** Clients of the live list: this object's sockets and its shards'. */
  async listSockets(): Promise<number> {
    return openSockets(this.ctx) + this.shards.watching();
  }

  /** A list shard's count of its open sockets, and how many it took since it last said (live-shard/registry.ts). */
  async shardSockets(k: number, sockets: number, joined?: number): Promise<void> {
    this.shards.report(k, sockets, joined);
  }

  /** A room's sweep, reported (sweep.ts): for /v1/ops/health and the alert rules. */
  async reportArchive(matchId: string, report: ArchiveReport): Promise<void> {
    this.sql.exec(
      `INSERT INTO archive_reports (match_id, requeued, unarchived, outbox_oldest_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT(match_id) DO UPDATE SET requeued = requeued + excluded.requeued,
         unarchived = excluded.unarchived, outbox_oldest_ms = excluded.outbox_oldest_ms`,
      matchId,
      report.requeued,
      report.unarchived,
      report.outboxOldestMs,
    );
  }

  /** Across every room: events requeued by sweepers, events still not archived, the oldest outbox entry. */
  async archiveTotals(): Promise<{ requeued: number; unarchived: number; outboxOldestMs: number | null }> {
    const r = this.sql
      .exec<{ requeued: number; unarchived: number; oldest: number | null }>(
        "SELECT COALESCE(SUM(requeued), 0) AS requeued, COALESCE(SUM(unarchived), 0) AS unarchived, MIN(outbox_oldest_ms) AS oldest FROM archive_reports",
      )
      .one();
    return { requeued: r.requeued, unarchived: r.unarchived, outboxOldestMs: r.oldest };
  }

  /**
   * `GET /v1/live/matches`: a hibernating WebSocket that gets the list, then every change; once the directory
   * holds LIVE_SHARD_SOCKETS, it names the list shard that takes the socket instead (openList).
   */
  override async fetch(): Promise<Response> {
    const k = this.shards.route(this.ctx.getWebSockets().length);
    if (k !== null) return toShard(k);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "matches", matches: await this.list() } satisfies MatchesLiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    answerMessage(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    answerClose(ws, code);
  }

  /** Closing sockets are skipped: their clients reconnect and get the whole list again. */
  private broadcast(msg: MatchesLiveMessage) {
    sendToAll(this.ctx.getWebSockets(), JSON.stringify(msg));
  }

  /** Summaries by kickoff time (then match id, so ties keep a stable order). */
  async list(filter: DirectoryFilter = {}): Promise<MatchSummary[]> {
    const rows = this.sql.exec<{ summary: string }>(
      `SELECT summary FROM matches
       WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR competition_id = ?2)
       ORDER BY kickoff_ms, match_id`,
      filter.status ?? null,
      filter.competition ?? null,
    );
    return rows.toArray().map((r) => JSON.parse(r.summary) as MatchSummary);
  }
}

/** There is one directory for the whole deployment. */
export function directoryOf(env: Env): DurableObjectStub<MatchDirectory> {
  return env.DIRECTORY.getByName("global");
}

/** Opens a live list socket: the directory takes it, or the list shard it names. */
export async function openList(env: Env, request: Request): Promise<Response> {
  return followShard(await directoryOf(env).fetch(request), request, (k) => listShardOf(env, k));
}
