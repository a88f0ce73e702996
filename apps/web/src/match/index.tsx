import { useCallback, useEffect, useState } from "react";
import { getMatch, type MatchState } from "../api/index.js";
import { describeEvent, matchClock, minute } from "../format/index.js";
import { useLive } from "./useLive.js";

/** One match: its state from `GET /v1/matches/{id}`, re-read after each live event, and the live feed. */
export function MatchView({ matchId }: { matchId: string }) {
  const live = useLive(matchId);
  const [state, setState] = useState<MatchState>();
  const [error, setError] = useState<string>();

  const refresh = useCallback(
    async (signal: AbortSignal) => {
      try {
        setState(await getMatch(matchId, signal));
        setError(undefined);
      } catch (err) {
        if (!signal.aborted) setError(err instanceof Error ? err.message : String(err));
      }
    },
    [matchId],
  );
  // Re-read the projection whenever a new event arrives; a newer event aborts the read still in flight.
  const lastEvent = live.events.at(-1)?.sequence_number;
  useEffect(() => {
    const abort = new AbortController();
    void refresh(abort.signal);
    return () => abort.abort();
  }, [refresh, lastEvent]);

  const shown = state ?? live.snapshot;
  return (
    <section aria-labelledby="match-title">
      <p>
        <a href="#/">← all matches</a>
      </p>
      {error && <p role="alert">Could not load {matchId}: {error}</p>}
      {!shown ? (
        !error && <p>Loading {matchId}…</p>
      ) : (
        <>
          <h2 id="match-title">
            {shown.home.name} <span className="score">{shown.home.score} – {shown.away.score}</span> {shown.away.name}
          </h2>
          <p>
            <span className={`status status-${shown.status.toLowerCase()}`}>{shown.status}</span> {matchClock(shown)}
            {shown.penalty_score && ` · penalties ${shown.penalty_score.home} – ${shown.penalty_score.away}`} · {shown.competition.name}
            {shown.venue && ` · ${shown.venue}`}
          </p>
          <h3>Goals</h3>
          {shown.goals.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul>
              {shown.goals.map((g) => (
                <li key={g.event_id} className={g.cancelled ? "cancelled" : undefined}>
                  {minute(g.match_minute, g.stoppage_minute)} {g.side === "HOME" ? shown.home.name : shown.away.name}:{" "}
                  {g.scorer?.name ?? "scorer to be confirmed"}
                  {g.goal_type === "OWN_GOAL" && " (own goal)"}
                  {g.cancelled && ` — cancelled (${g.cancel_reason ?? "no reason given"})`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>
        Live feed <span className="muted">({live.connection})</span>
      </h3>
      {live.events.length === 0 ? (
        <p className="muted">Waiting for the next event…</p>
      ) : (
        <ol reversed className="feed">
          {[...live.events].reverse().map((e) => (
            <li key={e.event_id}>
              <span className="muted">#{e.sequence_number}</span> {describeEvent(e)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
