// Fans' devices and everything hanging off them. Subscription and follows cascade from `devices`; the
// notification log and the quotas carry no foreign key (routing writes 100 000 rows of each for one goal, and the
// key checks were a third of that statement), so deleting a device (DELETE /v1/devices/me) purges them itself.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const devices = pgTable("devices", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Hex SHA-256 of the bearer token. The token itself is shown once, at registration, and never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  locale: text("locale").notNull().default("en"),
  createdAt: createdAt(),
});

/** One Web Push subscription per device: subscribing again replaces it. */
export const pushSubscriptions = pgTable("push_subscriptions", {
  deviceId: uuid("device_id")
    .primaryKey()
    .references(() => devices.id, { onDelete: "cascade" }),
  endpoint: text("endpoint").notNull().unique(),
  /** base64url of the browser's 65-byte P-256 point (RFC 8291 `ua_public`). */
  p256dh: text("p256dh").notNull(),
  /** base64url of the 16-byte auth secret. */
  auth: text("auth").notNull(),
  failureCount: integer("failure_count").notNull().default(0),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const FOLLOW_KINDS = ["team", "competition", "player", "match"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const followKind = pgEnum("follow_kind", FOLLOW_KINDS);

export const follows = pgTable(
  "follows",
  {
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    kind: followKind("kind").notNull(),
    targetId: text("target_id").notNull(),
    /**
     * The device's locale, copied from `devices` when the follows are written (a device's locale is set once, at
     * registration): routing then reads recipients and their language from this index alone instead of looking
     * up 100 000 devices.
     */
    locale: text("locale").notNull().default("en"),
    /**
     * Whether the device has somewhere to be pushed (a Web Push subscription or a native token), kept by triggers
     * on follows and on both push tables (migration 0012), never written by the application. Routing reads only
     * the followers that can be pushed from the index below, instead of probing the push tables once a follower.
     */
    reachable: boolean("reachable").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.kind, t.targetId] }),
    // Routing asks "who that can be pushed follows team FRA, competition wc-2018, player X or match Y, in which
    // language?" in one statement: this index answers each arm by an index-only scan.
    index("follows_reachable_idx").on(t.kind, t.targetId, t.deviceId, t.locale).where(sql`${t.reachable}`),
  ],
);

/**
 * `superseded`: never sent, because a newer push with the same tag (the goal's amendment or cancellation) was
 * already on the phone; like `refused`, it is not an attempt.
 */
export const NOTIFICATION_STATUSES = [
  "queued",
  "retrying",
  "delivered",
  "pruned",
  "dead",
  "refused",
  "superseded",
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One row per (event, device): the key is what makes "one notification per event per device" hold across
 * redeliveries and replays — routing, under its per-match lock, logs only devices not yet logged for the event and
 * sends only what it logged. A device's rows of a match are also its count towards the per-match cap. Rows of
 * events older than a month are purged (apps/worker-pipeline/src/retention).
 */
export const notificationLog = pgTable(
  "notification_log",
  {
    eventId: uuid("event_id").notNull(),
    deviceId: uuid("device_id").notNull(),
    matchId: text("match_id").notNull(),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** HTTP status of the push service's last answer, if any. */
    lastStatus: smallint("last_status"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /**
     * The queue message whose push for this row is on its way (for a group's recipient, the message its group
     * started from, with the device: a regrouped recipient keeps its owner), and until when: another copy of the
     * notification waits instead of sending it twice. Cleared when an outcome is written.
     */
    claimedBy: text("claimed_by"),
    /**
     * The claiming message's delivery attempt: its redelivery (a later attempt) takes the claim back at once, while
     * a second copy of the same delivery, running at the same time, waits like any other.
     */
    claimedAttempt: integer("claimed_attempt"),
    /**
     * Which invocation of that attempt holds it (a random id each makes): one whose claim ran but whose answer was
     * lost (Postgres went away meanwhile) takes it back when it runs the claim again, where a second copy of the same
     * delivery still waits.
     */
    claimedToken: text("claimed_token"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "notification_log_event_device", columns: [t.eventId, t.deviceId] }),
    // A device's notifications of a match are its per-match cap (routing counts them here: no quota table to
    // write 100 000 rows of per goal), and the device's purge finds its rows by the leading device_id.
    index("notification_log_device_match_idx").on(t.deviceId, t.matchId),
  ],
);
