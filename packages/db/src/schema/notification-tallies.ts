// What the notification log holds, counted as it changes, so that the dashboard's health (every 2 s) and the
// alert monitor (every 15 s) read a few hundred rows instead of scanning the log: a final leaves ~23 million log
// rows, and their scans took 0.3–1.4 s per 5 million rows. Kept by the log's own triggers (drizzle/0009), so every
// writer — routing, dispatch, dead letters, redrives, purges, fixtures in tests — is counted alike.
import { bigint, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { NOTIFICATION_STATUSES } from "./devices.js";

/**
 * Seconds younger than this keep their own rows; older ones are folded into their hour's (retention cron). The
 * alert monitor looks back at most an hour at second precision; the dashboard's totals need no precision at all.
 */
export const TALLY_SECONDS_KEPT_S = 7_200;

/**
 * Per second of `updated_at` and status: how many log rows are in that state now (`notifications`) and how many
 * attempts beyond each one's first they made (`retried`). A statement adds its rows' new states and subtracts
 * their old ones, so sums over any set of seconds are exact. Each session writes its own `shard`
 * (pg_backend_pid() % 16) so that 250 dispatch invocations do not queue on one row's lock; a shard's row may go
 * negative, their sum cannot. Seconds older than TALLY_SECONDS_KEPT_S are folded into their hour's row.
 */
export const notificationTallies = pgTable(
  "notification_tallies",
  {
    second: timestamp("second", { withTimezone: true }).notNull(),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull(),
    shard: smallint("shard").notNull(),
    notifications: bigint("notifications", { mode: "number" }).notNull(),
    retried: bigint("retried", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.second, t.status, t.shard] })],
);
