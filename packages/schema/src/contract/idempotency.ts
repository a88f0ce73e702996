import type { EventInput } from "./input.js";

/** The subject of an event for its key: the player it is about, else the side, else the goal it refers to. */
function subjectOf(e: EventInput): string {
  switch (e.event_type) {
    case "GOAL_SCORED":
      return e.data.scorer.player_id;
    case "CARD_SHOWN":
    case "SHOT":
      return e.data.player.player_id;
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return e.data.player?.player_id ?? e.data.team.side;
    // Two reviews at one clock position differ by what they review.
    case "VAR_REVIEW_STARTED":
      return `${e.data.reason}:${e.metadata?.causation_id ?? ""}`;
    case "VAR_REVIEW_ENDED":
      return e.metadata?.causation_id ?? "";
    case "SUBSTITUTION":
      return e.data.player_out.player_id;
    // A kick is its side and number: the referee reports it without the taker, the data provider with.
    case "PENALTY_SHOOTOUT_KICK":
    case "GOAL_LINE_SIGNAL":
      return e.data.team.side;
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
      return e.metadata?.causation_id ?? "";
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "MATCH_ENDED":
      return "";
  }
}

const str = (v: string | number | undefined) => (v === undefined ? "" : String(v));

/** The text the default key hashes: `match_id|event_type|match_period|match_minute|stoppage_minute|subject[|kick_number]`. */
export function idempotencyKeyMaterial(matchId: string, e: EventInput): string {
  const d = e.data as { match_period?: string; match_minute?: number; stoppage_minute?: number };
  const parts = [
    matchId,
    e.event_type,
    str(d.match_period),
    str(d.match_minute),
    str(d.stoppage_minute),
    subjectOf(e),
  ];
  if (e.event_type === "PENALTY_SHOOTOUT_KICK") parts.push(String(e.data.kick_number));
  return parts.join("|");
}

/**
 * The default idempotency key of the contract, `sha256:<hex>`. Two sources reporting the same fact at the
 * same clock position get the same key, so the fact is sequenced once.
 */
export async function defaultIdempotencyKey(matchId: string, e: EventInput): Promise<string> {
  const bytes = new TextEncoder().encode(idempotencyKeyMaterial(matchId, e));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
