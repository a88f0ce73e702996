/**
 * The SQLSTATE of a failed query, whether drizzle wrapped the driver's error (DrizzleQueryError keeps it as
 * `cause`) or not. E.g. "23505" unique violation, "23503" foreign key violation.
 */
export function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
