import { DurableObject } from "cloudflare:workers";
import { errorText, withDb } from "@buzz/db";
import { log } from "@buzz/queue";
import type { Alert } from "@buzz/schema/contract";
import { directoryOf } from "../directory/index.js";
import { deliverAlertChanges } from "./deliver.js";
import { measureDatabase } from "./measure.js";
import { type Evaluation, evaluate, evaluateRooms, transition } from "./rules.js";

/** The one monitor of the deployment. */
export function alertsOf(env: Env) {
  return env.ALERTS.getByName("alerts");
}

/**
 * The alert rules of contract v1.1, evaluated every quarter window by this object's alarm (a Durable Object
 * alarm runs the same in production and under wrangler dev, where cron triggers do not fire by themselves).
 * States live in its SQLite; each change waits in `pending` until it is handed to the webhooks subscribed to
 * "alert". Started by the first match to change (the directory) or the first look at /v1/ops/alerts, then it
 * keeps its own alarm. With Postgres away, the rules the rooms report on are still decided.
 */
export class AlertMonitor extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS alerts (rule TEXT PRIMARY KEY, alert TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS pending (n INTEGER PRIMARY KEY AUTOINCREMENT, alert TEXT NOT NULL);
    `);
  }

  async start(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
  }

  async list(): Promise<Alert[]> {
    await this.start();
    return this.rows("alerts");
  }

  override async alarm() {
    try {
      await this.evaluate();
      await this.deliverPending();
    } catch (err) {
      log("warn", "alerts_not_evaluated", { error: errorText(err) });
    }
    await this.ctx.storage.setAlarm(Date.now() + Math.max(1_000, this.windowMs / 4));
  }

  private get windowMs() {
    return Number(this.env.ALERT_WINDOW_MS) || 60_000;
  }

  private rows(table: "alerts" | "pending"): Alert[] {
    return this.sql
      .exec<{ alert: string }>(`SELECT alert FROM ${table} ORDER BY ${table === "alerts" ? "rule" : "n"}`)
      .toArray()
      .map((r) => JSON.parse(r.alert) as Alert);
  }

  private async evaluate() {
    const windowS = this.windowMs / 1000;
    const rooms = await directoryOf(this.env).archiveTotals();
    const outboxAgeS = rooms.outboxOldestMs === null ? 0 : (Date.now() - rooms.outboxOldestMs) / 1000;
    let evaluation: Evaluation = evaluateRooms(rooms.unarchived, outboxAgeS, windowS);
    try {
      const measured = await withDb(this.env, this.ctx, (db) => measureDatabase(db, windowS), {
        maxConnections: 1,
      });
      evaluation = evaluate(
        {
          ...measured,
          backlogAgeS: Math.max(measured.backlogAgeS, outboxAgeS),
          unarchived: rooms.unarchived,
        },
        windowS,
      );
    } catch (err) {
      log("warn", "alerts_database_unavailable", { error: errorText(err) });
    }
    const { alerts, changed } = transition(this.rows("alerts"), evaluation, new Date().toISOString(), () =>
      crypto.randomUUID(),
    );
    this.ctx.storage.transactionSync(() => {
      for (const a of alerts) {
        this.sql.exec(
          "INSERT INTO alerts (rule, alert) VALUES (?, ?) ON CONFLICT(rule) DO UPDATE SET alert = excluded.alert",
          a.rule,
          JSON.stringify(a),
        );
      }
      for (const a of changed) this.sql.exec("INSERT INTO pending (alert) VALUES (?)", JSON.stringify(a));
    });
    for (const a of changed) log(a.state === "firing" ? "warn" : "info", `alert_${a.state}`, { ...a });
  }

  /** Hands the waiting changes to the webhooks, in order; they stay pending until that worked. */
  private async deliverPending() {
    const pending = this.rows("pending");
    if (pending.length === 0) return;
    await withDb(this.env, this.ctx, (db) => deliverAlertChanges(db, this.env.WEBHOOK_DELIVERIES, pending), {
      maxConnections: 1,
    });
    this.sql.exec("DELETE FROM pending WHERE n <= (SELECT MAX(n) FROM pending)");
  }
}
