// The fixture mirror: what PUT /v1/matches/{id} declared, kept in Postgres so routing can join on it
// (a follower of a team or competition is found through the match) without asking a MatchRoom.
import { index, integer, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const competitions = pgTable("competitions", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  updatedAt: updatedAt(),
});

export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  updatedAt: updatedAt(),
});

/** A player's current team; a transfer moves the row (set null if the team disappears). */
export const players = pgTable(
  "players",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").references(() => teams.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    jerseyNumber: smallint("jersey_number"),
    position: text("position", { enum: ["GK", "DF", "MF", "FW"] }),
    updatedAt: updatedAt(),
  },
  (t) => [index("players_team_idx").on(t.teamId)],
);

export const MATCH_STATUSES = ["SCHEDULED", "LIVE", "FINISHED"] as const;

export const matches = pgTable("matches", {
  id: text("id").primaryKey(),
  competitionId: text("competition_id")
    .notNull()
    .references(() => competitions.id),
  homeTeamId: text("home_team_id")
    .notNull()
    .references(() => teams.id),
  awayTeamId: text("away_team_id")
    .notNull()
    .references(() => teams.id),
  kickoffAt: timestamp("kickoff_at", { withTimezone: true }).notNull(),
  venue: text("venue"),
  status: text("status", { enum: MATCH_STATUSES }).notNull().default("SCHEDULED"),
  homeScore: integer("home_score").notNull().default(0),
  awayScore: integer("away_score").notNull().default(0),
  updatedAt: updatedAt(),
});
