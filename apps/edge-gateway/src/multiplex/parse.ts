import { DomainError } from "../errors/index.js";
import { intParam, matchIdOf } from "../request/params.js";

/** At most this many matches on one socket (contract v1.1). */
export const MAX_MATCHES = 50;

export interface Subscription {
  matchId: string;
  /** Resume after this sequence number; null for a snapshot. */
  after: number | null;
}

/**
 * `matches=ID:AFTER,ID:AFTER,...` (AFTER may be empty for a snapshot). Malformed is 400; well-formed but not
 * servable (too many, a match twice) is 422; both before any upgrade.
 */
export function parseMatches(raw: string | undefined): Subscription[] {
  if (raw === undefined || raw === "")
    throw new DomainError(400, "invalid_query", "matches is required: matches=ID:AFTER,ID:AFTER,...", [
      { path: ["matches"], message: "required" },
    ]);
  const parts = raw.split(",");
  if (parts.length > MAX_MATCHES)
    throw new DomainError(
      422,
      "too_many_matches",
      `at most ${MAX_MATCHES} matches per socket, got ${parts.length}`,
      [{ path: ["matches"], message: `at most ${MAX_MATCHES}` }],
    );
  const seen = new Set<string>();
  return parts.map((part, i) => {
    const colon = part.lastIndexOf(":");
    if (colon < 0)
      throw new DomainError(
        400,
        "invalid_query",
        `matches[${i}] must be ID:AFTER, got ${JSON.stringify(part)}`,
        [{ path: ["matches", i], message: "expected ID:AFTER (AFTER may be empty)" }],
      );
    const matchId = matchIdOf(part.slice(0, colon));
    const rawAfter = part.slice(colon + 1);
    const after = rawAfter === "" ? null : intParam(`matches[${i}] AFTER`, rawAfter, 0);
    if (seen.has(matchId))
      throw new DomainError(422, "duplicate_match", `match ${matchId} is listed twice`, [
        { path: ["matches", i], message: "listed twice" },
      ]);
    seen.add(matchId);
    return { matchId, after };
  });
}
