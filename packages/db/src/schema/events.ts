// What the pipeline keeps of each sequenced event, and what each consumer has already done.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Every published event, once (keyed by event_id), with its stage timestamps: ops computes per-stage latency
 * percentiles from them (occurred → received → published → enriched → routed → dispatched).
 */
export const eventArchive = pgTable(
  "event_archive",
  {
    eventId: uuid("event_id").primaryKey(),
    matchId: text("match_id").notNull(),
    sequenceNumber: integer("sequence_number").notNull(),
    eventType: text("event_type").notNull(),
    occurredAt: at("occurred_at").notNull(),
    receivedAt: at("received_at").notNull(),
    publishedAt: at("published_at").notNull(),
    enrichedAt: at("enriched_at"),
    routedAt: at("routed_at"),
    /**
     * Its first delivered push: the earliest delivered_at dispatch has written for it (dispatch/store.ts), so the
     * latency waterfall need not read a final's millions of log rows per event to find it.
     */
    dispatchedAt: at("dispatched_at"),
    /** The published envelope as it came off the queue. */
    body: jsonb("body").notNull(),
    /** What enrichment added (xG, shot distance, win probability …). */
    derived: jsonb("derived"),
  },
  // Not unique: a match whose local state was wiped (npm start -- --fresh) numbers its events from 1 again,
  // with new event_ids; the archive keeps both runs rather than refusing the second.
  (t) => [
    index("event_archive_match_sequence_idx").on(t.matchId, t.sequenceNumber),
    index("event_archive_published_idx").on(t.publishedAt),
  ],
);

/**
 * Consumer-side deduplication: a stage records an event_id here in the same transaction as its effect, so a
 * redelivered message finds its row and does nothing.
 */
export const processedEvents = pgTable(
  "processed_events",
  {
    stage: text("stage").notNull(),
    eventId: uuid("event_id").notNull(),
    processedAt: at("processed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stage, t.eventId] })],
);
