import { useState } from "react";
import { usePolled } from "../api/query.js";
import { cancelSimulation, listSimulations, type Simulation } from "../api/simulations.js";
import { href } from "../app/route.js";
import { ErrorNotice } from "../ui/notice.js";

const REFRESH_MS = 1000;

/** `GET /v1/ops/simulations`, refreshed every second, each with its progress and a cancel button while running. */
export function SimulationsList({ token, version }: { token: string; version: number }) {
  const [cancelled, setCancelled] = useState(0);
  // `version` and `cancelled` in the key reload the list at once after a start or a cancel.
  const res = usePolled(["simulations", token, version, cancelled], () => listSimulations(token), REFRESH_MS);
  const [error, setError] = useState<string>();

  const cancel = async (sim: Simulation) => {
    const out = await cancelSimulation(token, sim.simulation_id);
    setError(
      out.kind === "ok"
        ? undefined
        : `Could not cancel ${sim.match_id}: ${"message" in out ? out.message : "no such route"}`,
    );
    setCancelled((n) => n + 1);
  };

  return (
    <section className="card" aria-labelledby="sims-title">
      <h3 id="sims-title">Simulations</h3>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!res ? (
        <p className="muted">Loading…</p>
      ) : res.kind === "not-landed" ? (
        <p className="notice">This server has no simulations route yet.</p>
      ) : res.kind !== "ok" ? (
        <ErrorNotice>Could not list simulations: {res.message}</ErrorNotice>
      ) : res.data.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="sims" data-testid="simulations">
          {res.data.map((s) => (
            <li key={s.simulation_id} className="sim" data-status={s.status}>
              <div className="sim-head">
                <a href={href.match(s.match_id)}>{s.title}</a>
                <span className="score">
                  {s.score.home}–{s.score.away}
                  {s.penalty_score && ` (pens ${s.penalty_score.home}–${s.penalty_score.away})`}
                </span>
                <span className={`status status-sim-${s.status}`}>{s.status}</span>
              </div>
              <progress max={Math.max(1, s.total)} value={s.sent} aria-label={`${s.match_id} progress`} />
              <div className="sim-meta muted">
                {s.sent}/{s.total} events · {s.clock} · ×{s.speed} · {s.match_id}
                {s.error && <span className="tag tag-bad">{s.error}</span>}
              </div>
              {s.status === "running" && (
                <button type="button" className="secondary" onClick={() => void cancel(s)}>
                  Cancel replay of {s.title}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
