import type { Score } from "@buzz/schema/contract";
import type { SimulationSpec, SimulationStatusName } from "./contract.js";

/** One replay. `started_ms` is the wall-clock kick-off, null while its fixture is being put. */
export type SimRow = {
  seq: number;
  id: string;
  source_match: string;
  match_id: string;
  speed: number;
  seed: string;
  status: SimulationStatusName;
  sent: number;
  total: number;
  created_ms: number;
  started_ms: number | null;
  stopped_ms: number | null;
  score_home: number;
  score_away: number;
  pen_home: number | null;
  pen_away: number | null;
  /** Failed tries of the next batch (the room unreachable), and when to try again. */
  attempts: number;
  retry_ms: number | null;
  error: string | null;
};

/** Finished replays kept for the list (which shows the latest 50); older ones are dropped. */
const KEEP_FINISHED = 200;

/** The Simulation object's SQLite storage: a row per replay, its progress updated as batches go through. */
export class SimStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS simulations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        source_match TEXT NOT NULL,
        match_id TEXT NOT NULL,
        speed REAL NOT NULL,
        seed TEXT NOT NULL,
        status TEXT NOT NULL,
        sent INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        started_ms INTEGER,
        stopped_ms INTEGER,
        score_home INTEGER NOT NULL DEFAULT 0,
        score_away INTEGER NOT NULL DEFAULT 0,
        pen_home INTEGER,
        pen_away INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_ms INTEGER,
        error TEXT
      );
      CREATE INDEX IF NOT EXISTS simulations_running ON simulations (status, match_id);
    `);
  }

  get(id: string): SimRow | undefined {
    return this.sql.exec<SimRow>("SELECT * FROM simulations WHERE id = ?", id).toArray()[0];
  }

  latest(limit: number): SimRow[] {
    return this.sql.exec<SimRow>("SELECT * FROM simulations ORDER BY seq DESC LIMIT ?", limit).toArray();
  }

  /** Running replays whose fixture is in place: the ones the alarm drives. */
  started(): SimRow[] {
    return this.sql
      .exec<SimRow>("SELECT * FROM simulations WHERE status = 'running' AND started_ms IS NOT NULL")
      .toArray();
  }

  runningInto(matchId: string): SimRow | undefined {
    return this.sql
      .exec<SimRow>("SELECT * FROM simulations WHERE status = 'running' AND match_id = ?", matchId)
      .toArray()[0];
  }

  insert(id: string, spec: SimulationSpec, total: number, now: number) {
    this.sql.exec(
      "INSERT INTO simulations (id, source_match, match_id, speed, seed, status, total, created_ms) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)",
      id,
      spec.source_match,
      spec.match_id,
      spec.speed,
      spec.seed,
      total,
      now,
    );
    this.sql.exec(
      "DELETE FROM simulations WHERE status != 'running' AND seq NOT IN (SELECT seq FROM simulations WHERE status != 'running' ORDER BY seq DESC LIMIT ?)",
      KEEP_FINISHED,
    );
  }

  remove(id: string) {
    this.sql.exec("DELETE FROM simulations WHERE id = ?", id);
  }

  markStarted(id: string, at: number) {
    this.sql.exec("UPDATE simulations SET started_ms = ? WHERE id = ?", at, id);
  }

  /** Progress only: a replay cancelled while its batch was in flight stays cancelled. */
  progressed(id: string, sent: number, score: Score, penalties: Score | null) {
    this.sql.exec(
      "UPDATE simulations SET sent = ?, score_home = ?, score_away = ?, pen_home = ?, pen_away = ?, attempts = 0, retry_ms = NULL WHERE id = ?",
      sent,
      score.home,
      score.away,
      penalties?.home ?? null,
      penalties?.away ?? null,
      id,
    );
  }

  retryLater(id: string, attempts: number, at: number) {
    this.sql.exec("UPDATE simulations SET attempts = ?, retry_ms = ? WHERE id = ?", attempts, at, id);
  }

  /** Ends a running replay; false if it had already ended (done, cancelled or failed stay as they are). */
  finish(
    id: string,
    status: Exclude<SimulationStatusName, "running">,
    at: number,
    error: string | null = null,
  ): boolean {
    const cursor = this.sql.exec(
      "UPDATE simulations SET status = ?, stopped_ms = ?, error = ?, retry_ms = NULL WHERE id = ? AND status = 'running'",
      status,
      at,
      error,
      id,
    );
    return cursor.rowsWritten > 0;
  }

  /** Replays whose start was cut short (the object restarted while putting the fixture) free their match id. */
  failStale(createdBefore: number, at: number) {
    this.sql.exec(
      "UPDATE simulations SET status = 'failed', stopped_ms = ?, error = 'interrupted while putting the fixture' WHERE status = 'running' AND started_ms IS NULL AND created_ms < ?",
      at,
      createdBefore,
    );
  }
}
