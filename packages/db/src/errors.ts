import { DrizzleQueryError } from "drizzle-orm/errors";

/**
 * The SQLSTATE of a failed query, whether drizzle wrapped the driver's error (DrizzleQueryError keeps it as
 * `cause`) or not. E.g. "23505" unique violation, "23503" foreign key violation.
 */
export function sqlState(err: unknown): string | undefined {
  for (
    let e = err, depth = 0;
    e && typeof e === "object" && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";
/** Raised by device_for_token (drizzle/0014) for a token no device has. */
export const INVALID_AUTHORIZATION = "28000";

// SQLSTATE classes that say the server cannot serve now, not that the query is wrong: connection exception,
// transaction rollback (a serialization failure or a deadlock with another request: the same request succeeds
// when sent again), insufficient resources, operator intervention (shutdown, cancel), system error.
const UNAVAILABLE_CLASSES = ["08", "40", "53", "57", "58"];
// What the Neon driver and the sockets under it say when there is no server to talk to.
const NO_SERVER =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|socket hang up|WebSocket|connection|connect|terminated|timeout|closed/i;

/**
 * Whether a failure means Postgres is unreachable, down or could not serve the request now (answer 503 and let the
 * client retry), as opposed to a query it refused. Only errors that came through a query (drizzle wraps them) or carry a SQLSTATE count.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const state = sqlState(err);
  if (state) return UNAVAILABLE_CLASSES.includes(state.slice(0, 2));
  // A query that failed without a SQLSTATE never reached a server that could refuse it.
  if (err instanceof DrizzleQueryError && err.cause) return true;
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (NO_SERVER.test(e.message)) return true;
  }
  return false;
}

/**
 * A failure as one line for a log: the error and each cause under it (drizzle's "Failed query" names the statement
 * and keeps the driver's reason — the part that says what went wrong — as `cause`), or an event's message: the
 * Neon driver's pool reports a dropped connection as the WebSocket's ErrorEvent, which String() makes
 * "[object ErrorEvent]".
 */
export function errorText(err: unknown): string {
  const parts = [oneError(err)];
  for (let e = causeOf(err); e !== undefined && parts.length < 4; e = causeOf(e)) parts.push(oneError(e));
  return parts.join(" ← caused by ");
}

function oneError(e: unknown): string {
  if (e instanceof Error || typeof e !== "object" || e === null || !("message" in e)) return String(e);
  return `${String((e as { type?: unknown }).type ?? "event")}: ${String(e.message)}`;
}

const causeOf = (e: unknown): unknown =>
  typeof e === "object" && e !== null ? (e as { cause?: unknown }).cause : undefined;
