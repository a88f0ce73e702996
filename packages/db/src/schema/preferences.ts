// What each fan chose to be buzzed about (contract v1.1 "Fans choose"). A device that never chose has no row
// and gets DEFAULT_PREFERENCES: routing reads this table by a left join, so the usual case (no row) costs a probe
// of a small index, and 100 000 recipients stay one statement.
import { DEFAULT_PREFERENCES, type NotificationCategory } from "@buzz/schema/contract";
import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices.js";

const on = (category: NotificationCategory) =>
  boolean(category).notNull().default(DEFAULT_PREFERENCES.categories[category]);

export const devicePreferences = pgTable(
  "device_preferences",
  {
    deviceId: uuid("device_id")
      .primaryKey()
      .references(() => devices.id, { onDelete: "cascade" }),
    // One column per category, named as the category (routing picks the column by name, see CATEGORY_COLUMNS).
    goals: on("goals"),
    var: on("var"),
    cards: on("cards"),
    substitutions: on("substitutions"),
    matchStatus: on("match_status"),
    shootout: on("shootout"),
    /** Quiet hours: all three or none. `quiet_from` later than `quiet_to` crosses midnight. */
    quietFrom: time("quiet_from"),
    quietTo: time("quiet_to"),
    /** IANA name, one Postgres knows (the gateway checks it as it stores it). */
    timeZone: text("time_zone"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "device_preferences_quiet_hours",
      sql`(${t.quietFrom} is null and ${t.quietTo} is null and ${t.timeZone} is null)
        or (${t.quietFrom} is not null and ${t.quietTo} is not null and ${t.timeZone} is not null and ${t.quietFrom} <> ${t.quietTo})`,
    ),
  ],
);

export type CategoryColumn = "goals" | "var" | "cards" | "substitutions" | "matchStatus" | "shootout";

/** The column of each category: the compiler asks for a new one when a category is added to the contract. */
export const CATEGORY_COLUMNS: Record<NotificationCategory, CategoryColumn> = {
  goals: "goals",
  var: "var",
  cards: "cards",
  substitutions: "substitutions",
  match_status: "matchStatus",
  shootout: "shootout",
};
