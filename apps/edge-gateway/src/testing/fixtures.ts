import type { EventInputDraft, FixtureInput } from "@buzz/schema/contract";
import { EventInputSchema } from "@buzz/schema/validate";

/** The 2018 final's fixture, trimmed to the players the tests name. */
export const FINAL: FixtureInput = {
  competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Luzhniki Stadium, Moscow",
  home: {
    team_id: "FRA",
    name: "France",
    players: [
      { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7, position: "FW" },
      { player_id: "FRA-pogba", name: "Paul Pogba", jersey_number: 6, position: "MF" },
      { player_id: "FRA-mbappe", name: "Kylian Mbappé", jersey_number: 10, position: "FW" },
      { player_id: "FRA-giroud", name: "Olivier Giroud", jersey_number: 9, position: "FW" },
    ],
  },
  away: {
    team_id: "CRO",
    name: "Croatia",
    players: [
      { player_id: "CRO-mandzukic", name: "Mario Mandžukić", jersey_number: 17, position: "FW" },
      { player_id: "CRO-perisic", name: "Ivan Perišić", jersey_number: 4, position: "FW" },
    ],
  },
};

export const KICKOFF = Date.parse("2026-11-21T15:00:00Z");
/** Wall-clock time of a match minute (seconds optional), for occurred_at. */
export const at = (minute: number, seconds = 0) =>
  new Date(KICKOFF + (minute * 60 + seconds) * 1000).toISOString();

const parse = (e: EventInputDraft) => EventInputSchema.parse(e);
const opta = { system: "OPTA" as const, operator_id: "op-42" };

export const ev = {
  start: (match_period: "FIRST_HALF" | "SECOND_HALF" | "PENALTY_SHOOTOUT", minute = 0) =>
    parse({
      event_type: "PERIOD_STARTED",
      occurred_at: at(minute),
      source: { system: "REFEREE" },
      data: { match_period },
    }),
  sensor: (side: "HOME" | "AWAY", minute: number, seconds = 0) =>
    parse({
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: at(minute, seconds),
      source: { system: "HAWKEYE" },
      data: {
        team: { side },
        match_minute: minute,
        match_period: minute > 45 ? "SECOND_HALF" : "FIRST_HALF",
      },
    }),
  goal: (
    side: "HOME" | "AWAY",
    scorer: string,
    minute: number,
    seconds = 0,
    goal_type: "OPEN_PLAY" | "PENALTY" | "OWN_GOAL" = "OPEN_PLAY",
  ) =>
    parse({
      event_type: "GOAL_SCORED",
      occurred_at: at(minute, seconds),
      source: opta,
      data: {
        team: { side },
        scorer: { player_id: scorer },
        match_minute: minute,
        match_period: minute > 45 ? "SECOND_HALF" : "FIRST_HALF",
        goal_type,
      },
    }),
  cancel: (goalEventId: string, minute: number) =>
    parse({
      event_type: "GOAL_CANCELLED",
      occurred_at: at(minute),
      source: { system: "REFEREE" },
      data: { reason: "VAR" },
      metadata: { causation_id: goalEventId },
    }),
  card: (side: "HOME" | "AWAY", player: string, minute: number) =>
    parse({
      event_type: "CARD_SHOWN",
      occurred_at: at(minute),
      source: opta,
      data: {
        team: { side },
        player: { player_id: player },
        card: "YELLOW",
        match_minute: minute,
        match_period: "FIRST_HALF",
      },
    }),
  kick: (side: "HOME" | "AWAY", kick_number: number, scored: boolean) =>
    parse({
      event_type: "PENALTY_SHOOTOUT_KICK",
      occurred_at: at(125, kick_number * 60),
      source: { system: "REFEREE" },
      data: { team: { side }, kick_number, scored },
    }),
  end: () =>
    parse({ event_type: "MATCH_ENDED", occurred_at: at(96), source: { system: "REFEREE" }, data: {} }),
};
