import * as z from "zod";
import { POSITIONS } from "../contract/enums.js";
import { IdSchema, IsoDateTimeSchema } from "./primitives.js";

export const PlayerSchema = z.object({
  player_id: IdSchema,
  name: z.string().min(1).max(128),
  jersey_number: z.number().int().min(0).max(99).optional(),
  position: z.enum(POSITIONS).optional(),
});
export const TeamFixtureSchema = z.object({
  team_id: IdSchema,
  name: z.string().min(1).max(128),
  players: z
    .array(PlayerSchema)
    .max(60)
    .default([])
    .refine(
      (ps) => new Set(ps.map((p) => p.player_id)).size === ps.length,
      "player_id must be unique in a team",
    ),
});
export const CompetitionSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(128),
  matchday: z.number().int().min(0).optional(),
});
/** Body of `PUT /v1/matches/{match_id}`. */
export const FixtureInputSchema = z
  .object({
    competition: CompetitionSchema,
    kickoff_at: IsoDateTimeSchema,
    venue: z.string().min(1).max(200).optional(),
    home: TeamFixtureSchema,
    away: TeamFixtureSchema,
  })
  .superRefine((f, ctx) => {
    if (f.home.team_id === f.away.team_id) {
      ctx.addIssue({
        code: "custom",
        message: "home and away must be different teams",
        path: ["away", "team_id"],
      });
    }
    const home = new Set(f.home.players.map((p) => p.player_id));
    f.away.players.forEach((p, i) => {
      if (home.has(p.player_id)) {
        ctx.addIssue({
          code: "custom",
          message: `${p.player_id} is already in the home team`,
          path: ["away", "players", i, "player_id"],
        });
      }
    });
  });
