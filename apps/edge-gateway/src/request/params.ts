import { IdSchema, toIssues } from "@buzz/schema/validate";
import { DomainError } from "../errors/index.js";

export function matchIdOf(raw: string | undefined): string {
  const parsed = IdSchema.safeParse(raw ?? "");
  if (parsed.success) return parsed.data;
  throw new DomainError(
    400,
    "invalid_match_id",
    `invalid match id: ${parsed.error.issues[0]?.message ?? "malformed"}`,
    toIssues(parsed.error, ["match_id"]),
  );
}

/**
 * A query parameter (or header) that must be a non-negative integer in [min, max]; `fallback` when absent.
 * Only plain digits count: "1.5", "-1", "1e3" and " 7" are refused rather than guessed at.
 */
export function intParam(
  name: string,
  raw: string | undefined | null,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined || raw === null) return fallback;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  throw new DomainError(400, "invalid_query", `${name} must be ${range}, got ${JSON.stringify(raw)}`, [
    { path: [name], message: `must be ${range}` },
  ]);
}
