import { DurableObject } from "cloudflare:workers";
import { answerClose } from "../live/close.js";
import type { MatchesLiveMessage, MatchStatus, MatchSummary } from "@buzz/schema";

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

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
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
  }

  /** Newer wins: by last_sequence, then by updated_at (a fixture edit moves updated_at but not the sequence). */
  async upsert(summary: MatchSummary): Promise<void> {
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
    if (rowsWritten > 0) this.broadcast({ type: "match", match: summary });
  }

  /** `GET /v1/live/matches`: a hibernating WebSocket that gets the list, then every change. */
  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "matches", matches: await this.list() } satisfies MatchesLiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify({ type: "pong" } satisfies MatchesLiveMessage));
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    answerClose(ws, code);
  }

  private broadcast(msg: MatchesLiveMessage) {
    const text = JSON.stringify(msg);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        // closing sockets are gone; their clients reconnect and get the whole list again
      }
    }
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
