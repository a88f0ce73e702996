// The event types, once. Every table that must say something about each type is a Record<EventType, …> (or an
// exhaustive switch), so adding a type here makes the compiler name each place that must learn it
// (packages/schema/README.md lists them).

export const EVENT_TYPES = [
  "PERIOD_STARTED",
  "PERIOD_ENDED",
  "GOAL_LINE_SIGNAL",
  "GOAL_SCORED",
  "GOAL_AMENDED",
  "GOAL_CANCELLED",
  "CARD_SHOWN",
  "SUBSTITUTION",
  "SHOT",
  "PENALTY_SHOOTOUT_KICK",
  "MATCH_ENDED",
  // Contract v1.1, "More of the match".
  "VAR_REVIEW_STARTED",
  "VAR_REVIEW_ENDED",
  "CORNER_KICK",
  "FOUL",
  "OFFSIDE",
  "SAVE",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A sensor's GOAL_LINE_SIGNAL is never logged as such: it becomes a provisional GOAL_SCORED. */
export type PublishedEventType = Exclude<EventType, "GOAL_LINE_SIGNAL">;
export const PUBLISHED_EVENT_TYPES = EVENT_TYPES.filter(
  (t): t is PublishedEventType => t !== "GOAL_LINE_SIGNAL",
);

/** Events that only make sense in reference to an earlier goal (`metadata.causation_id`). */
export const CAUSED_BY_GOAL: ReadonlySet<EventType> = new Set<EventType>(["GOAL_AMENDED", "GOAL_CANCELLED"]);

/** The incidents the projection counts per side in `stats` (with shots). */
export const COUNTED_INCIDENTS = ["CORNER_KICK", "FOUL", "OFFSIDE", "SAVE"] as const;
export type CountedIncident = (typeof COUNTED_INCIDENTS)[number];

/** The version of the published envelope this code writes; older ones are upcast on read. */
export const EVENT_VERSION = 2;

/** At most this many events in one `{"events": [...]}` ingest body. */
export const MAX_BATCH_EVENTS = 500;
