import { type OpsResult, opsApi, opsCall, param } from "./ops.js";

/**
 * `GET /v1/ops/simulations/{id}`: a replay of a 2018 match the server runs (the fields this page reads; the
 * gateway's SimulationView has more).
 */
export interface Simulation {
  simulation_id: string;
  match_id: string;
  /** The teams as the data names them. */
  title: string;
  speed: number;
  status: "running" | "done" | "cancelled" | "failed";
  /** Timeline items ingested so far, of `total`. */
  sent: number;
  total: number;
  /** The stadium clock of the replay: "38'", "90+2'", "PEN", "FT". */
  clock: string;
  score: { home: number; away: number };
  penalty_score: { home: number; away: number } | null;
  error?: string;
}

export interface StartSimulation {
  /** A match number 1-64, `final`, or home-away codes like `fra-cro`. */
  match: string;
  /** Match seconds per real second, 1-2000. */
  speed: number;
  match_id?: string;
}

export const startSimulation = (token: string, body: StartSimulation) =>
  opsCall(() => opsApi(token).simulations.$post({ json: body }));

export async function listSimulations(token: string): Promise<OpsResult<Simulation[]>> {
  const res = await opsCall(() => opsApi(token).simulations.$get());
  return res.kind === "ok" ? { ...res, data: res.data.simulations } : res;
}

/** 204, no body. */
export const cancelSimulation = (token: string, id: string) =>
  opsCall(() => opsApi(token).simulations[":id"].$delete(param(id)));
