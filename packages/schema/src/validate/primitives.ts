import * as z from "zod";
import { MATCH_PERIODS, SIDES, SOURCE_SYSTEMS } from "../contract/enums.js";
import { ID_PATTERN, ID_RULE } from "../contract/ids.js";

export const IdSchema = z.string().regex(ID_PATTERN, ID_RULE);

/** An ISO 8601 instant with its offset, between 1900 and 2999 (Postgres has no year 0, and neither has football). */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const year = Number(s.slice(0, 4));
  return year >= 1900 && year <= 2999;
}, "must be a date between the years 1900 and 2999");
export const MinuteSchema = z.number().int().min(0).max(150);
export const StoppageSchema = z.number().int().min(0).max(30);
export const PeriodSchema = z.enum(MATCH_PERIODS);
export const SideSchema = z.enum(SIDES);
export const TeamRefSchema = z.object({ side: SideSchema });
export const PlayerRefSchema = z.object({ player_id: IdSchema });
export const CoordinatesSchema = z.object({ x: z.number().min(0).max(100), y: z.number().min(0).max(100) });

export const SourceSchema = z.object({
  system: z.enum(SOURCE_SYSTEMS),
  operator_id: z.string().min(1).max(128).optional(),
  confidence: z.number().min(0).max(1).optional(),
  stadium_gateway_id: z.string().min(1).max(128).optional(),
});

export const MetadataInputSchema = z.object({
  idempotency_key: z.string().min(1).max(200).optional(),
  correlation_id: z.string().min(1).max(200).optional(),
  causation_id: z.uuid().optional(),
  ttl_seconds: z
    .number()
    .int()
    .min(0)
    .max(86_400 * 28)
    .optional(),
});
