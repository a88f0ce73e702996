import type { Score } from "@buzz/schema/contract";

export const SIMULATION_STATUSES = ["running", "done", "cancelled", "failed"] as const;
export type SimulationStatusName = (typeof SIMULATION_STATUSES)[number];

/** `POST /v1/ops/simulations` → 202. */
export interface SimulationStarted {
  simulation_id: string;
  match_id: string;
  status: "running";
}

/** `GET /v1/ops/simulations/{id}`, and each entry of `GET /v1/ops/simulations` (`{simulations: [...]}`, latest first). */
export interface SimulationView {
  simulation_id: string;
  /** Where the events go. */
  match_id: string;
  /** The 2018 match replayed (`wc2018-64-fra-cro`), and its teams as the data names them. */
  source_match: string;
  title: string;
  speed: number;
  seed: string;
  status: SimulationStatusName;
  /** Timeline items ingested so far, of `total` (sensor signals, operator reports and resends, periods, kicks). */
  sent: number;
  total: number;
  /** The stadium clock of the replay: 90+2' is `match_minute` 90, `stoppage_minute` 2, `clock` "90+2'"; "PEN", "FT". */
  match_minute: number;
  stoppage_minute: number;
  clock: string;
  /** Played seconds (breaks skipped) so far and in all: a progress bar. */
  played_seconds: number;
  duration_seconds: number;
  /** The match's score as its room last reported it (a VAR cancellation made meanwhile shows here). */
  score: Score;
  penalty_score: Score | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Why it failed; only when `status` is "failed". */
  error?: string;
}

/** What the gateway asks the Simulation object to run, already validated and resolved. */
export interface SimulationSpec {
  /** The 2018 match's id in the data. */
  source_match: string;
  match_id: string;
  speed: number;
  seed: string;
}
