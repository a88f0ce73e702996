import { PublishedEventSchema, ScoreSchema } from "@buzz/schema/validate";
import * as z from "zod";

const TeamSchema = z.object({ team_id: z.string(), name: z.string() });

/** What enrichment derives from an event (absent fields do not apply to its type). */
export const DerivedSchema = z.object({
  /** Expected goals of a shot or goal from its location (apps/worker-pipeline/src/analytics/xg.ts has the model). */
  expected_goals: z.number().optional(),
  /** Distance from the centre of the goal, in metres. */
  shot_distance_m: z.number().optional(),
  /** Chances of each final result after this event. */
  win_probability: z.object({ home: z.number(), draw: z.number(), away: z.number() }).optional(),
  /** The score (regulation and extra time) once this event has happened, as enrichment followed it. */
  score: ScoreSchema.optional(),
  /** The fixture's two teams, when Postgres has the fixture: routing reaches the fans of both, templates name them. */
  teams: z.object({ home: TeamSchema, away: TeamSchema }).optional(),
});
export type Derived = z.output<typeof DerivedSchema>;
export type DerivedTeam = z.output<typeof TeamSchema>;

/** `match-events-enriched`: the published event with what enrichment added. */
export const EnrichedMessageSchema = z.object({
  event: PublishedEventSchema,
  derived: DerivedSchema,
  enriched_at: z.string(),
});
export type EnrichedMessage = z.output<typeof EnrichedMessageSchema>;
