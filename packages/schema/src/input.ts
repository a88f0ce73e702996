import { z } from "zod";
import { BODY_PARTS, CARDS, GOAL_TYPES, SHOT_OUTCOMES } from "./enums.js";
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
const clock = { match_minute: MinuteSchema, stoppage_minute: StoppageSchema.default(0), match_period: PeriodSchema };
/** The same, for events the platform can place on the clock itself (from the match state). */
const optionalClock = {
  match_minute: MinuteSchema.optional(),
  stoppage_minute: StoppageSchema.optional(),
  match_period: PeriodSchema.optional(),
};
const notShootout = (d: { match_period?: string }) => d.match_period !== "PENALTY_SHOOTOUT";
const notShootoutMsg = { message: "use PENALTY_SHOOTOUT_KICK for the shoot-out", path: ["match_period"] };

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
      assist: PlayerRefSchema.nullable().optional(),
      ...clock,
      goal_type: z.enum(GOAL_TYPES),
      body_part: z.enum(BODY_PARTS).optional(),
      coordinates: CoordinatesSchema.optional(),
    })
    .refine(notShootout, notShootoutMsg),
  GOAL_AMENDED: z.object({
    scorer: PlayerRefSchema.optional(),
    assist: PlayerRefSchema.nullable().optional(),
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
  MATCH_ENDED: z.object({ match_minute: MinuteSchema.optional(), stoppage_minute: StoppageSchema.optional() }),
} as const;

export type EventType = keyof typeof EVENT_DATA_INPUT;
export const EVENT_TYPES = Object.keys(EVENT_DATA_INPUT) as EventType[];

/** Events that only make sense in reference to an earlier goal (`metadata.causation_id`). */
export const CAUSED_BY_GOAL: ReadonlySet<EventType> = new Set(["GOAL_AMENDED", "GOAL_CANCELLED"]);

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
export type EventInput = z.output<typeof EventInputSchema>;
/** What a source may write (defaults not yet applied). */
export type EventInputDraft = z.input<typeof EventInputSchema>;
export type EventInputOf<T extends EventType> = Extract<EventInput, { event_type: T }>;

export const MAX_BATCH_EVENTS = 500;
