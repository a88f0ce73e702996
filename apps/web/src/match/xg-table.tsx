import type { MatchState } from "@buzz/schema/contract";
import { type XgAttempt, xgText } from "./xg.js";

/** The shot map as a table, for keyboards and screen readers, and for reading exact figures. */
export function XgTable({ attempts, state }: { attempts: XgAttempt[]; state: MatchState }) {
  if (attempts.length === 0) return null;
  const team = (a: XgAttempt) => (a.side === "HOME" ? state.home.name : state.away.name);
  return (
    <details className="xg-details">
      <summary>Attempts and expected goals ({attempts.length})</summary>
      <div className="table-wrap">
        <table className="stats" data-testid="xg-table">
          <caption>Each attempt with its expected goals, in match order</caption>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Team</th>
              <th scope="col">xG</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.label}</th>
                <td data-label="Team">{team(a)}</td>
                <td data-label="xG" className={a.xg === null ? "na" : undefined}>
                  {a.xg === null ? "not derived" : xgText(a.xg)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
