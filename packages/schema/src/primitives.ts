import { z } from "zod";
import { MATCH_PERIODS, SIDES, SOURCE_SYSTEMS } from "./enums.js";

/** Match, team, player and competition ids: URL-safe, so they can sit in paths unescaped. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "must be 1-128 characters of A-Z a-z 0-9 . _ - (starting alphanumeric)");

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
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
export type Source = z.infer<typeof SourceSchema>;

export const MetadataInputSchema = z.object({
  idempotency_key: z.string().min(1).max(200).optional(),
  correlation_id: z.string().min(1).max(200).optional(),
  causation_id: z.uuid().optional(),
  ttl_seconds: z.number().int().min(0).max(86_400 * 28).optional(),
});
