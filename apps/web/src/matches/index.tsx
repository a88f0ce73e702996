import { listMatches, type MatchSummary } from "../api/index.js";
import { usePolling } from "../api/usePolling.js";
import { matchClock } from "../format/index.js";

export const matchHref = (matchId: string) => `#/matches/${encodeURIComponent(matchId)}`;

/** `GET /v1/matches`, refreshed every few seconds. */
export function MatchList({ refreshMs = 3000 }: { refreshMs?: number }) {
  const { data: matches, error } = usePolling(listMatches, refreshMs);

  if (!matches) return error ? <p role="alert">Could not load matches: {error}</p> : <p>Loading matches…</p>;
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">Matches</h2>
      {error && <p role="alert">Refresh failed, showing the last list: {error}</p>}
      {matches.length === 0 ? (
        <p>No matches yet. <code>npm start</code> creates the 2018 final and replays it live.</p>
      ) : (
        <table className="matches">
          <thead>
            <tr>
              <th scope="col">Match</th>
              <th scope="col">Score</th>
              <th scope="col">Status</th>
              <th scope="col">Minute</th>
            </tr>
          </thead>
          <tbody>
            {matches.map((m) => (
              <MatchRow key={m.match_id} match={m} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MatchRow({ match: m }: { match: MatchSummary }) {
  return (
    <tr data-testid={`match-${m.match_id}`}>
      <td>
        <a href={matchHref(m.match_id)}>
          {m.home.name} – {m.away.name}
        </a>
        <div className="muted">{m.competition.name}</div>
      </td>
      <td className="score">
        {m.home.score} – {m.away.score}
        {m.penalty_score && (
          <div className="muted">
            pens {m.penalty_score.home} – {m.penalty_score.away}
          </div>
        )}
      </td>
      <td>
        <span className={`status status-${m.status.toLowerCase()}`}>{m.status}</span>
      </td>
      <td>{matchClock(m)}</td>
    </tr>
  );
}
