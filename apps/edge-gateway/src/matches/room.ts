/** One MatchRoom per match, addressed by the match id, so every request for a match meets the same object. */
export function roomOf(env: Env, matchId: string) {
  return env.MATCH_ROOM.getByName(matchId);
}
