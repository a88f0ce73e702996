import { type MatchState, otherSide, type PublishedPlayer, type Side } from "@buzz/schema/contract";
import { DomainError } from "../errors/domain.js";

export function teamOf(state: MatchState, side: Side) {
  const t = side === "HOME" ? state.home : state.away;
  return { side, team_id: t.team_id, name: t.name };
}

/** The player as published, from the side's roster; a player not on it is a client error naming the path. */
export function playerOf(
  state: MatchState,
  side: Side,
  playerId: string,
  path: (string | number)[],
): PublishedPlayer {
  const team = side === "HOME" ? state.home : state.away;
  const p = team.players.find((x) => x.player_id === playerId);
  if (!p) {
    const message = `player ${playerId} is not on the ${side === "HOME" ? "home" : "away"} roster (${team.name})`;
    throw new DomainError(422, "unknown_player", message, [{ path, message }]);
  }
  return {
    player_id: p.player_id,
    name: p.name,
    ...(p.jersey_number !== undefined && { jersey_number: p.jersey_number }),
    ...(p.position !== undefined && { position: p.position }),
  };
}

/** An own goal is credited to one side and scored by a player of the other. */
export function scorerSide(creditedSide: Side, goalType: string | null): Side {
  return goalType === "OWN_GOAL" ? otherSide(creditedSide) : creditedSide;
}
