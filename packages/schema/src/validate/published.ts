import * as z from "zod";
import {
  ASSIST_TYPES,
  BODY_PARTS,
  CARDS,
  GOAL_TYPES,
  POSITIONS,
  SHOT_OUTCOMES,
  VAR_DECISIONS,
  VAR_REASONS,
} from "../contract/enums.js";
import { EVENT_VERSION, type PublishedEventType } from "../contract/events.js";
import { CompetitionSchema } from "./fixture.js";
import {
  CoordinatesSchema,
  IdSchema,
  IsoDateTimeSchema,
  MinuteSchema,
  PeriodSchema,
  SideSchema,
  SourceSchema,
  StoppageSchema,
} from "./primitives.js";

/** A player as published: the platform fills name, number and position from the fixture's roster. */
export const PublishedPlayerSchema = z.object({
  player_id: IdSchema,
  name: z.string(),
  jersey_number: z.number().int().optional(),
  position: z.enum(POSITIONS).optional(),
});

export const PublishedTeamSchema = z.object({ side: SideSchema, team_id: IdSchema, name: z.string() });
export const ScoreSchema = z.object({ home: z.number().int().min(0), away: z.number().int().min(0) });

const clock = { match_minute: MinuteSchema, stoppage_minute: StoppageSchema, match_period: PeriodSchema };
const goalDetail = {
  scorer: PublishedPlayerSchema.nullable(),
  assist: PublishedPlayerSchema.extend({ type: z.enum(ASSIST_TYPES).optional() }).nullable(),
  goal_type: z.enum(GOAL_TYPES).nullable(),
  body_part: z.enum(BODY_PARTS).nullable(),
  coordinates: CoordinatesSchema.nullable(),
};

const incident = z.object({ team: PublishedTeamSchema, player: PublishedPlayerSchema.nullable(), ...clock });

export const EVENT_DATA_PUBLISHED = {
  PERIOD_STARTED: z.object({ match_period: PeriodSchema, match_minute: MinuteSchema }),
  PERIOD_ENDED: z.object({
    match_period: PeriodSchema,
    match_minute: MinuteSchema,
    stoppage_minute: StoppageSchema,
  }),
  /** `provisional: true` when sequenced from the goal-line sensor before the operator named the scorer. */
  GOAL_SCORED: z.object({
    team: PublishedTeamSchema,
    ...clock,
    ...goalDetail,
    provisional: z.boolean(),
    score_after: ScoreSchema,
  }),
  /** The goal (`metadata.causation_id`) as it now stands: the full detail, not a diff. */
  GOAL_AMENDED: z.object({
    team: PublishedTeamSchema,
    ...clock,
    ...goalDetail,
    provisional: z.literal(false),
    score_after: ScoreSchema,
  }),
  GOAL_CANCELLED: z.object({
    team: PublishedTeamSchema,
    reason: z.string(),
    ...clock,
    score_after: ScoreSchema,
  }),
  CARD_SHOWN: z.object({
    team: PublishedTeamSchema,
    player: PublishedPlayerSchema,
    card: z.enum(CARDS),
    ...clock,
  }),
  SUBSTITUTION: z.object({
    team: PublishedTeamSchema,
    player_out: PublishedPlayerSchema,
    player_in: PublishedPlayerSchema,
    ...clock,
  }),
  SHOT: z.object({
    team: PublishedTeamSchema,
    player: PublishedPlayerSchema,
    ...clock,
    outcome: z.enum(SHOT_OUTCOMES),
    body_part: z.enum(BODY_PARTS).nullable(),
    coordinates: CoordinatesSchema.nullable(),
  }),
  PENALTY_SHOOTOUT_KICK: z.object({
    team: PublishedTeamSchema,
    player: PublishedPlayerSchema.nullable(),
    kick_number: z.number().int().min(1),
    scored: z.boolean(),
    penalty_score_after: ScoreSchema,
  }),
  MATCH_ENDED: z.object({
    match_minute: MinuteSchema,
    stoppage_minute: StoppageSchema,
    final_score: ScoreSchema,
    penalty_score: ScoreSchema.nullable(),
  }),
  VAR_REVIEW_STARTED: z.object({ reason: z.enum(VAR_REASONS), ...clock }),
  VAR_REVIEW_ENDED: z.object({ reason: z.enum(VAR_REASONS), decision: z.enum(VAR_DECISIONS), ...clock }),
  CORNER_KICK: incident,
  FOUL: incident,
  OFFSIDE: incident,
  SAVE: incident,
} as const satisfies Record<PublishedEventType, z.ZodType>;

const envelope = {
  event_id: z.uuid({ version: "v7" }),
  event_version: z.literal(EVENT_VERSION),
  match_id: IdSchema,
  competition: CompetitionSchema,
  occurred_at: IsoDateTimeSchema,
  received_at: IsoDateTimeSchema,
  published_at: IsoDateTimeSchema,
  sequence_number: z.number().int().min(1),
  source: SourceSchema.extend({
    operator_id: z.string().nullable(),
    confidence: z.number().nullable(),
    stadium_gateway_id: z.string().nullable(),
  }),
  metadata: z.object({
    idempotency_key: z.string(),
    correlation_id: z.string(),
    causation_id: z.string().nullable(),
    ttl_seconds: z.number().int(),
  }),
};

function publishedOf<T extends PublishedEventType>(type: T) {
  return z.object({ event_type: z.literal(type), ...envelope, data: EVENT_DATA_PUBLISHED[type] });
}

/** A sequenced event as the MatchRoom logs it and every consumer (queue, socket, SSE, SDK) receives it. */
export const PublishedEventSchema = z.discriminatedUnion("event_type", [
  publishedOf("PERIOD_STARTED"),
  publishedOf("PERIOD_ENDED"),
  publishedOf("GOAL_SCORED"),
  publishedOf("GOAL_AMENDED"),
  publishedOf("GOAL_CANCELLED"),
  publishedOf("CARD_SHOWN"),
  publishedOf("SUBSTITUTION"),
  publishedOf("SHOT"),
  publishedOf("PENALTY_SHOOTOUT_KICK"),
  publishedOf("MATCH_ENDED"),
  publishedOf("VAR_REVIEW_STARTED"),
  publishedOf("VAR_REVIEW_ENDED"),
  publishedOf("CORNER_KICK"),
  publishedOf("FOUL"),
  publishedOf("OFFSIDE"),
  publishedOf("SAVE"),
]);
