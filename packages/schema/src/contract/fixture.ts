// `PUT /v1/matches/{match_id}` (admin): a fixture and its rosters. Checked by ../validate/fixture.ts.
import type { Position } from "./enums.js";

export interface Player {
  player_id: string;
  name: string;
  jersey_number?: number;
  position?: Position;
}

export interface TeamFixture {
  team_id: string;
  name: string;
  players: Player[];
}

export interface Competition {
  id: string;
  name: string;
  matchday?: number;
}

export interface FixtureInput {
  competition: Competition;
  kickoff_at: string;
  venue?: string;
  home: TeamFixture;
  away: TeamFixture;
}
