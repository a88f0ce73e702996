// The notification log, read straight from the stack's Postgres (the test's own connection does not go through
// the Neon dev proxy, so it still answers while the Workers are cut off).
import pg from "pg";
import { inject } from "vitest";
import { sleep } from "../wait.js";

export interface LogRow {
  event_id: string;
  device_id: string;
  status: string;
  attempts: number;
  last_status: number | null;
  delivered_at: Date | null;
}

export class NotificationLog {
  private constructor(private readonly sql: pg.Client) {}

  static async open(): Promise<NotificationLog> {
    const sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    return new NotificationLog(sql);
  }

  close() {
    return this.sql.end();
  }

  async rows(matchId: string): Promise<LogRow[]> {
    const { rows } = await this.sql.query<LogRow>(
      "select event_id, device_id, status, attempts, last_status, delivered_at from notification_log where match_id = $1 order by created_at",
      [matchId],
    );
    return rows;
  }

  async subscriptionExists(deviceId: string): Promise<boolean> {
    const { rows } = await this.sql.query("select 1 from push_subscriptions where device_id = $1", [
      deviceId,
    ]);
    return rows.length > 0;
  }

  /**
   * The rows still open, with what says why: their send claim (held by which message and delivery attempt, until
   * when) and when they were last written — an intermittent failure leaves only this and the wrangler log to go on.
   */
  private async describeOpen(matchId: string): Promise<string[]> {
    const { rows } = await this.sql.query(
      `select event_id, device_id, status, attempts, claimed_by, claimed_attempt, claimed_until, created_at, updated_at
       from notification_log where match_id = $1 and status in ('queued', 'retrying') order by created_at`,
      [matchId],
    );
    return rows.map(
      (r) =>
        `${r.event_id}/${r.device_id} ${r.status} after ${r.attempts} request(s) (claimed by ${r.claimed_by ?? "nobody"}` +
        `${r.claimed_by ? ` attempt ${r.claimed_attempt} until ${r.claimed_until.toISOString()}` : ""}; ` +
        `created ${r.created_at.toISOString()}, updated ${r.updated_at.toISOString()})`,
    );
  }

  /**
   * Waits until the pipeline is done with the match: every event in `eventIds` routed (event_archive.routed_at),
   * no log row still queued or retrying, and the row count unchanged over two polls. Returns the rows.
   */
  async settled(matchId: string, eventIds: string[], timeoutMs: number): Promise<LogRow[]> {
    const deadline = Date.now() + timeoutMs;
    let previous = -1;
    let rows: LogRow[] = [];
    let unrouted = eventIds.length;
    while (Date.now() < deadline) {
      const { rows: routed } = await this.sql.query(
        "select count(*)::int as n from event_archive where event_id = any($1::uuid[]) and routed_at is not null",
        [eventIds],
      );
      unrouted = eventIds.length - routed[0].n;
      rows = await this.rows(matchId);
      const open = rows.filter((r) => r.status === "queued" || r.status === "retrying").length;
      if (unrouted === 0 && open === 0 && rows.length === previous) return rows;
      previous = unrouted === 0 && open === 0 ? rows.length : -1;
      await sleep(1000);
    }
    const counts = rows.reduce<Record<string, number>>(
      (c, r) => ((c[r.status] = (c[r.status] ?? 0) + 1), c),
      {},
    );
    const open = await this.describeOpen(matchId);
    throw new Error(
      `notification log of ${matchId} not settled after ${timeoutMs} ms: ${unrouted} event(s) not routed, rows ${JSON.stringify(counts)}; open: ${open.join(", ")}`,
    );
  }
}
