// Outbound webhooks (Standard Webhooks) for other consumers of the feed: betting, TV graphics.
import { integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const webhooks = pgTable("webhooks", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  /** The signing secret (Standard Webhooks `whsec_…`); it has to be readable to sign, so it is not hashed. */
  secret: text("secret").notNull(),
  /** Event types delivered; empty means all. */
  eventTypes: text("event_types").array().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const WEBHOOK_DELIVERY_STATUSES = ["queued", "retrying", "delivered", "dead"] as const;

/** One delivery per (webhook, event): the key makes a redelivered or replayed event a no-op. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: smallint("last_status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "webhook_deliveries_webhook_event", columns: [t.webhookId, t.eventId] })],
);
