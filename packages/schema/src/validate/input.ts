import * as z from "zod";
import {
  ASSIST_TYPES,
  BODY_PARTS,
  CARDS,
  GOAL_TYPES,
  SHOT_OUTCOMES,
  VAR_DECISIONS,
  VAR_REASONS,
} from "../contract/enums.js";
import { CAUSED_BY_GOAL, type EventType } from "../contract/events.js";
import {
  CoordinatesSchema,
  IsoDateTimeSchema,
  MetadataInputSchema,
  MinuteSchema,
  PeriodSchema,
  PlayerRefSchema,
  SourceSchema,
  StoppageSchema,
  TeamRefSchema,
} from "./primitives.js";

/** Where an event sits in the match clock. */
const clock = {
  match_minute: MinuteSchema,
  stoppage_minute: StoppageSchema.default(0),
  match_period: PeriodSchema,
};
/** The same, for events the platform can place on the clock itself (from the match state). */
const optionalClock = {
  match_minute: MinuteSchema.optional(),
  stoppage_minute: StoppageSchema.optional(),
  match_period: PeriodSchema.optional(),
};
const notShootout = (d: { match_period?: string }) => d.match_period !== "PENALTY_SHOOTOUT";
const notShootoutMsg = { message: "use PENALTY_SHOOTOUT_KICK for the shoot-out", path: ["match_period"] };
/** v1.1 adds how the goal was set up; a v1 source's `{"player_id"}` stays valid. */
const AssistRefSchema = PlayerRefSchema.extend({ type: z.enum(ASSIST_TYPES).optional() });
const incident = z
  .object({ team: TeamRefSchema, player: PlayerRefSchema.optional(), ...clock })
  .refine(notShootout, notShootoutMsg);

export const EVENT_DATA_INPUT = {
  PERIOD_STARTED: z.object({ match_period: PeriodSchema, match_minute: MinuteSchema.optional() }),
  PERIOD_ENDED: z.object({
    match_period: PeriodSchema,
    match_minute: MinuteSchema.optional(),
    stoppage_minute: StoppageSchema.optional(),
  }),
  GOAL_LINE_SIGNAL: z.object({ team: TeamRefSchema, ...optionalClock }).refine(notShootout, notShootoutMsg),
  GOAL_SCORED: z
    .object({
      team: TeamRefSchema,
      scorer: PlayerRefSchema,
      assist: AssistRefSchema.nullable().optional(),
      ...clock,
      goal_type: z.enum(GOAL_TYPES),
      body_part: z.enum(BODY_PARTS).optional(),
      coordinates: CoordinatesSchema.optional(),
    })
    .refine(notShootout, notShootoutMsg),
  GOAL_AMENDED: z.object({
    scorer: PlayerRefSchema.optional(),
    assist: AssistRefSchema.nullable().optional(),
    goal_type: z.enum(GOAL_TYPES).optional(),
    body_part: z.enum(BODY_PARTS).optional(),
    coordinates: CoordinatesSchema.optional(),
    match_minute: MinuteSchema.optional(),
    stoppage_minute: StoppageSchema.optional(),
  }),
  GOAL_CANCELLED: z.object({ reason: z.string().min(1).max(64).default("VAR") }),
  CARD_SHOWN: z
    .object({ team: TeamRefSchema, player: PlayerRefSchema, card: z.enum(CARDS), ...clock })
    .refine(notShootout, notShootoutMsg),
  SUBSTITUTION: z
    .object({ team: TeamRefSchema, player_out: PlayerRefSchema, player_in: PlayerRefSchema, ...clock })
    .refine(notShootout, notShootoutMsg)
    .refine((d) => d.player_in.player_id !== d.player_out.player_id, {
      message: "player_in and player_out must differ",
      path: ["player_in"],
    }),
  SHOT: z
    .object({
      team: TeamRefSchema,
      player: PlayerRefSchema,
      ...clock,
      outcome: z.enum(SHOT_OUTCOMES),
      body_part: z.enum(BODY_PARTS).optional(),
      coordinates: CoordinatesSchema.optional(),
    })
    .refine(notShootout, notShootoutMsg),
  PENALTY_SHOOTOUT_KICK: z.object({
    team: TeamRefSchema,
    player: PlayerRefSchema.optional(),
    kick_number: z.number().int().min(1).max(50),
    scored: z.boolean(),
  }),
  MATCH_ENDED: z.object({
    match_minute: MinuteSchema.optional(),
    stoppage_minute: StoppageSchema.optional(),
  }),
  // A kick of the shoot-out may be reviewed, so a review may name that period.
  VAR_REVIEW_STARTED: z.object({ reason: z.enum(VAR_REASONS), ...optionalClock }),
  VAR_REVIEW_ENDED: z.object({ decision: z.enum(VAR_DECISIONS), ...optionalClock }),
  CORNER_KICK: incident,
  FOUL: incident,
  OFFSIDE: incident,
  SAVE: incident,
} as const satisfies Record<EventType, z.ZodType>;

const envelope = {
  event_version: z.number().int().min(1).optional(),
  occurred_at: IsoDateTimeSchema,
  source: SourceSchema,
  metadata: MetadataInputSchema.optional(),
};

function inputOf<T extends EventType>(type: T) {
  return z.object({ event_type: z.literal(type), ...envelope, data: EVENT_DATA_INPUT[type] });
}

/** One event as a source sends it: the fields it owns. The platform fills the rest. */
export const EventInputSchema = z
  .discriminatedUnion("event_type", [
    inputOf("PERIOD_STARTED"),
    inputOf("PERIOD_ENDED"),
    inputOf("GOAL_LINE_SIGNAL"),
    inputOf("GOAL_SCORED"),
    inputOf("GOAL_AMENDED"),
    inputOf("GOAL_CANCELLED"),
    inputOf("CARD_SHOWN"),
    inputOf("SUBSTITUTION"),
    inputOf("SHOT"),
    inputOf("PENALTY_SHOOTOUT_KICK"),
    inputOf("MATCH_ENDED"),
    inputOf("VAR_REVIEW_STARTED"),
    inputOf("VAR_REVIEW_ENDED"),
    inputOf("CORNER_KICK"),
    inputOf("FOUL"),
    inputOf("OFFSIDE"),
    inputOf("SAVE"),
  ])
  .superRefine((e, ctx) => {
    if (CAUSED_BY_GOAL.has(e.event_type) && !e.metadata?.causation_id) {
      ctx.addIssue({
        code: "custom",
        message: `${e.event_type} must name the goal it refers to in metadata.causation_id`,
        path: ["metadata", "causation_id"],
      });
    }
  });
