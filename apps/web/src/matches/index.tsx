import { useLiveMatches } from "@buzz/client-sdk/react";
import type { MatchSummary } from "@buzz/schema/contract";
import { useId, useMemo, useRef, useState } from "react";
import { href } from "../app/route.js";
import { matchClock } from "../format/index.js";
import { ConnectionBadge } from "../ui/connection.js";

const ALL = "";

/** Every fixture with its live score, from the SDK's live list (WebSocket /v1/live/matches). */
export function MatchesPage() {
  const { matches, status } = useLiveMatches();
  const [competition, setCompetition] = useState(ALL);
  const filterId = useId();

  const competitions = useMemo(() => {
    const byId = new Map(matches.map((m) => [m.competition.id, m.competition.name]));
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [matches]);
  const shown = competition === ALL ? matches : matches.filter((m) => m.competition.id === competition);

  return (
    <section aria-labelledby="matches-title">
      <div className="page-head">
        <h2 id="matches-title">Live matches</h2>
        <ConnectionBadge status={status} />
      </div>
      <div className="toolbar">
        <label htmlFor={filterId}>Competition</label>
        <select id={filterId} value={competition} onChange={(e) => setCompetition(e.target.value)}>
          <option value={ALL}>All competitions ({matches.length})</option>
          {competitions.map(([id, name]) => (
            <option key={id} value={id}>
              {name} ({matches.filter((m) => m.competition.id === id).length})
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p className="muted">
          {status === "connecting"
            ? "Connecting to the live list…"
            : "No matches yet. Start a replay from Operations, or run npm start."}
        </p>
      ) : (
        <ul className="match-list" aria-live="polite">
          {shown.map((m) => (
            <MatchRow key={m.match_id} match={m} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MatchRow({ match: m }: { match: MatchSummary }) {
  const score = `${m.home.score}–${m.away.score}`;
  // Highlight a score that changed while on screen, not every score on first load.
  const first = useRef(score);
  const changed = first.current !== score;
  return (
    <li className="match-row" data-testid={`match-${m.match_id}`}>
      <a className="match-link" href={href.match(m.match_id)}>
        <span className="teams">
          <span>{m.home.name}</span>
          {/* Keyed on the score so a change restarts the highlight animation. */}
          <span
            key={score}
            className={changed ? "score score-bump" : "score"}
            role="img"
            aria-label={`score ${m.home.score} to ${m.away.score}`}
          >
            {score}
          </span>
          <span>{m.away.name}</span>
        </span>
        <span className="match-meta">
          <span className={`status status-${m.status.toLowerCase()}`}>{m.status}</span>
          <span>{matchClock(m)}</span>
          {m.penalty_score && (
            <span>
              pens {m.penalty_score.home}–{m.penalty_score.away}
            </span>
          )}
          <span className="muted">{m.competition.name}</span>
        </span>
      </a>
    </li>
  );
}
