import type { Status } from "@buzz/client-sdk";
import type { GoalRecord, KickRecord, MatchState, Side } from "@buzz/schema/contract";
import { matchClock, minute, VAR_REASON } from "../format/index.js";
import { ConnectionBadge } from "../ui/connection.js";

/** The score as big as it matters, who scored, the clock, and the shoot-out when there is one. */
export function Scoreboard({
  state,
  status,
  watching = null,
}: {
  state: MatchState;
  status: Status;
  watching?: number | null;
}) {
  return (
    <section className="scoreboard card" aria-labelledby="match-title" data-testid="scoreboard">
      <h2 id="match-title" className="scoreline">
        <span className="team-name">{state.home.name}</span>
        <span className="big-score" data-testid="score" aria-live="polite">
          {state.home.score}–{state.away.score}
        </span>
        <span className="team-name">{state.away.name}</span>
      </h2>
      <p className="clock">
        <span className={`status status-${state.status.toLowerCase()}`}>{state.status}</span>{" "}
        {matchClock(state)}
        {state.penalty_score && (
          <strong>
            {" "}
            · penalties {state.penalty_score.home}–{state.penalty_score.away}
          </strong>
        )}{" "}
        <ConnectionBadge status={status} />
        {watching !== null && (
          <span className="watching" data-testid="watching" aria-live="polite">
            {" "}
            · {watching} watching live
          </span>
        )}
      </p>
      {state.var_review && (
        <p className="var-review" role="status" data-testid="var-review">
          VAR review in progress: {VAR_REASON[state.var_review.reason]}
        </p>
      )}
      <div className="scorers">
        <Scorers goals={state.goals} side="HOME" />
        <Scorers goals={state.goals} side="AWAY" />
      </div>
      {state.shootout.length > 0 && (
        <Shootout kicks={state.shootout} home={state.home.name} away={state.away.name} />
      )}
      <p className="muted">
        {state.competition.name}
        {state.venue && ` · ${state.venue}`}
      </p>
    </section>
  );
}

function Scorers({ goals, side }: { goals: GoalRecord[]; side: Side }) {
  const own = goals.filter((g) => g.side === side);
  return (
    <ul
      className={`scorer-list scorer-${side.toLowerCase()}`}
      aria-label={`${side === "HOME" ? "home" : "away"} goals`}
    >
      {own.map((g) => (
        <li key={g.event_id} className={g.cancelled ? "struck" : undefined}>
          {g.scorer?.name ?? "scorer to be confirmed"} {minute(g.match_minute, g.stoppage_minute)}
          {g.goal_type === "OWN_GOAL" && " (o.g.)"}
          {g.goal_type === "PENALTY" && " (pen.)"}
          {g.provisional && <span className="tag">provisional</span>}
          {g.cancelled && (
            <span className="tag tag-bad">cancelled: {g.cancel_reason ?? "no reason given"}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function Shootout({ kicks, home, away }: { kicks: KickRecord[]; home: string; away: string }) {
  const row = (side: Side, name: string) => (
    <div className="shootout-row">
      <span>{name}</span>
      <ol className="kicks">
        {kicks
          .filter((k) => k.side === side)
          .map((k) => (
            <li
              key={k.event_id}
              className={k.scored ? "kick-in" : "kick-out"}
              title={`${k.player?.name ?? "taker unknown"}: ${k.scored ? "scored" : "missed"}`}
            >
              <span className="sr-only">
                kick {k.kick_number} {k.scored ? "scored" : "missed"}
              </span>
            </li>
          ))}
      </ol>
    </div>
  );
  return (
    <section className="shootout" aria-label="penalty shoot-out">
      {row("HOME", home)}
      {row("AWAY", away)}
    </section>
  );
}
