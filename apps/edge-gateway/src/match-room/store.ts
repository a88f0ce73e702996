import type { FixtureInput, MatchState, PublishedEvent } from "@buzz/schema/contract";
import type { Unconfirmed } from "./sweep.js";

/**
 * The room's SQLite storage. `log` is the write-ahead log and the source of truth; `snapshot` is the
 * projection at `last_sequence`, kept so a cold start does not replay the whole match.
 */
export class RoomStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, event_id TEXT NOT NULL, seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, attempts INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  private meta<T>(key: string): T | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.value) as T) : null;
  }
  private setMeta(key: string, value: unknown) {
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      key,
      JSON.stringify(value),
    );
  }

  fixture = () => this.meta<{ match_id: string; fixture: FixtureInput; created_at: string }>("fixture");
  setFixture = (v: { match_id: string; fixture: FixtureInput; created_at: string }) =>
    this.setMeta("fixture", v);
  snapshot = () => this.meta<MatchState>("snapshot");
  setSnapshot = (s: MatchState) => this.setMeta("snapshot", s);
  directoryDirty = () => this.meta<boolean>("directory_dirty") ?? false;
  setDirectoryDirty = (v: boolean) => this.setMeta("directory_dirty", v);
  /** The sweeper's progress: every event up to here is known to be in the archive. */
  archivedThrough = () => this.meta<number>("archived_through") ?? 0;
  setArchivedThrough = (seq: number) => this.setMeta("archived_through", seq);
  /** When the sweeper looks next (epoch ms), or null when everything is known to be archived. */
  sweepDue = () => this.meta<number>("sweep_due");
  setSweepDue = (at: number | null) => this.setMeta("sweep_due", at);

  lastSequence(): number {
    return this.sql.exec<{ n: number }>("SELECT COALESCE(MAX(seq), 0) AS n FROM log").one().n;
  }

  byKey(key: string): { event_id: string; seq: number } | undefined {
    return this.sql
      .exec<{ event_id: string; seq: number }>("SELECT event_id, seq FROM idempotency WHERE key = ?", key)
      .toArray()[0];
  }
  remember(key: string, eventId: string, seq: number) {
    this.sql.exec(
      "INSERT OR IGNORE INTO idempotency (key, event_id, seq) VALUES (?, ?, ?)",
      key,
      eventId,
      seq,
    );
  }

  correlationOf(eventId: string): string | null {
    const row = this.sql
      .exec<{ c: string | null }>(
        "SELECT json_extract(body, '$.metadata.correlation_id') AS c FROM log WHERE event_id = ?",
        eventId,
      )
      .toArray()[0];
    return row?.c ?? null;
  }

  /** Appends to the log and to the outbox; callers run it inside one transaction with the rest of the batch. */
  append(e: PublishedEvent) {
    this.sql.exec(
      "INSERT INTO log (seq, event_id, body) VALUES (?, ?, ?)",
      e.sequence_number,
      e.event_id,
      JSON.stringify(e),
    );
    this.sql.exec("INSERT INTO outbox (seq) VALUES (?)", e.sequence_number);
  }

  *eventsAfter(after: number, limit = Number.MAX_SAFE_INTEGER): Generator<PublishedEvent> {
    const rows = this.sql.exec<{ body: string }>(
      "SELECT body FROM log WHERE seq > ? ORDER BY seq LIMIT ?",
      after,
      limit,
    );
    for (const r of rows) yield JSON.parse(r.body) as PublishedEvent;
  }

  outbox(limit: number): { seq: number; attempts: number; body: string }[] {
    return this.sql
      .exec<{ seq: number; attempts: number; body: string }>(
        "SELECT o.seq, o.attempts, l.body FROM outbox o JOIN log l ON l.seq = o.seq ORDER BY o.seq LIMIT ?",
        limit,
      )
      .toArray();
  }
  /** Puts the whole log back in the outbox (a pipeline replay); returns how many events that is. */
  requeueAll(): number {
    this.sql.exec("INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM log");
    return this.lastSequence();
  }
  /** Events after the archived watermark, oldest first, with whether each still waits in the outbox. */
  unconfirmed(limit: number): Unconfirmed[] {
    return this.sql
      .exec<{ seq: number; event_id: string; published_at: string; queued: number }>(
        `SELECT l.seq, l.event_id, json_extract(l.body, '$.published_at') AS published_at, o.seq IS NOT NULL AS queued
         FROM log l LEFT JOIN outbox o ON o.seq = l.seq WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
        this.archivedThrough(),
        limit,
      )
      .toArray()
      .map((r) => ({
        seq: r.seq,
        event_id: r.event_id,
        published_ms: Date.parse(r.published_at),
        queued: r.queued === 1,
      }));
  }
  /** Puts these events back in the outbox (the sweeper's requeue). */
  requeue(seqs: number[]) {
    for (const s of seqs) this.sql.exec("INSERT OR IGNORE INTO outbox (seq) VALUES (?)", s);
  }
  outboxSize = () => this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one().n;
  sent(seqs: number[]) {
    for (const s of seqs) this.sql.exec("DELETE FROM outbox WHERE seq = ?", s);
  }
  failed(seqs: number[]) {
    for (const s of seqs) this.sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", s);
  }
}
