import type { MatchState, Side, TeamState } from "@buzz/schema/contract";
import { minute } from "../format/index.js";

/** Each roster with what happened to its players: goals, cards, on and off. */
export function Lineups({ state }: { state: MatchState }) {
  return (
    <section className="card" aria-labelledby="lineups-title">
      <h3 id="lineups-title">Lineups</h3>
      <div className="lineups">
        <Roster team={state.home} side="HOME" state={state} />
        <Roster team={state.away} side="AWAY" state={state} />
      </div>
    </section>
  );
}

function Roster({ team, side, state }: { team: TeamState; side: Side; state: MatchState }) {
  return (
    <div>
      <h4>{team.name}</h4>
      {team.players.length === 0 ? (
        <p className="muted">No roster in the fixture.</p>
      ) : (
        <ul className="roster">
          {team.players.map((p) => {
            const goals = state.goals.filter((g) => !g.cancelled && g.scorer?.player_id === p.player_id);
            const cards = state.cards.filter((c) => c.side === side && c.player.player_id === p.player_id);
            const off = state.substitutions.find(
              (s) => s.side === side && s.player_out.player_id === p.player_id,
            );
            const on = state.substitutions.find(
              (s) => s.side === side && s.player_in.player_id === p.player_id,
            );
            return (
              <li key={p.player_id}>
                <span className="jersey">{p.jersey_number ?? "–"}</span>
                <span className="player">
                  {p.name}
                  {p.position && <span className="muted"> {p.position}</span>}
                </span>
                <span className="player-events">
                  {goals.map((g) => (
                    <span key={g.event_id} className="tag">
                      goal {minute(g.match_minute, g.stoppage_minute)}
                      {g.goal_type === "OWN_GOAL" ? " (o.g.)" : ""}
                    </span>
                  ))}
                  {cards.map((c) => (
                    <span key={c.event_id} className={`tag card-tag card-${c.card.toLowerCase()}`}>
                      {c.card.replace("_", " ").toLowerCase()} {minute(c.match_minute, c.stoppage_minute)}
                    </span>
                  ))}
                  {on && <span className="tag">on {minute(on.match_minute, on.stoppage_minute)}</span>}
                  {off && <span className="tag">off {minute(off.match_minute, off.stoppage_minute)}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
