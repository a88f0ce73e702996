import { describeIssues } from "@buzz/schema/contract";
import { IdSchema, toIssues } from "@buzz/schema/validate";
import { findMatches, WORLDCUP_2018 } from "@buzz/simulator/core";
import * as z from "zod";
import { DomainError } from "../errors/index.js";
import type { SimulationSpec } from "./contract.js";

export const DEFAULT_SPEED = 30;
export const MAX_SPEED = 2000;
/** The simulator's default, so a replay without a seed is the CLI's replay. */
export const DEFAULT_SEED = "2018";

export const StartSchema = z.strictObject({
  /** `"64"`, `"final"`, `"fra-cro"` or a full id such as `"wc2018-64-fra-cro"`. */
  match: z.union([z.string().trim().min(1).max(64), z.number().int().positive().transform(String)]),
  /** Match seconds per real second. */
  speed: z.number().min(1).max(MAX_SPEED).default(DEFAULT_SPEED),
  match_id: IdSchema.optional(),
  seed: z.union([z.string().min(1).max(64), z.number().int().transform(String)]).default(DEFAULT_SEED),
});

/** `POST /v1/ops/simulations` body → what to run; 422 for a bad field, 404 for a match the data lacks. */
export function parseStart(body: unknown): SimulationSpec {
  const parsed = StartSchema.safeParse(body);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new DomainError(422, "validation_failed", `invalid simulation: ${describeIssues(issues)}`, issues);
  }
  const { match, speed, match_id, seed } = parsed.data;
  const found = findMatches(WORLDCUP_2018, match);
  if (found.length === 0) {
    const message = `no 2018 match "${match}": try 1-${WORLDCUP_2018.length}, "final", home-away FIFA codes ("fra-cro") or a match id`;
    throw new DomainError(404, "unknown_match", message, [{ path: ["match"], message }]);
  }
  if (found.length > 1) {
    const message = `"${match}" names ${found.length} matches (${found.map((m) => m.matchId).join(", ")}): use the number or the id`;
    throw new DomainError(422, "ambiguous_match", message, [{ path: ["match"], message }]);
  }
  const source = found[0]!;
  return { source_match: source.matchId, match_id: match_id ?? source.matchId, speed, seed };
}
