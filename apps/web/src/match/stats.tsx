import type { MatchState, SideStats } from "@buzz/schema/contract";

const ROWS: [keyof SideStats, string][] = [
  ["shots", "Shots"],
  ["saves", "Saves"],
  ["corners", "Corners"],
  ["fouls", "Fouls"],
  ["offsides", "Offsides"],
];

/** Per-side counts from the projection (contract v1.1), home on the left as on the scoreboard. */
export function MatchStats({ state }: { state: Pick<MatchState, "stats" | "home" | "away"> }) {
  return (
    <section className="card" aria-labelledby="stats-title">
      <h3 id="stats-title">Match stats</h3>
      <table className="match-stats" data-testid="match-stats">
        <thead>
          <tr>
            <th scope="col">{state.home.name}</th>
            <th scope="col">
              <span className="sr-only">stat</span>
            </th>
            <th scope="col">{state.away.name}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([key, label]) => (
            <tr key={key}>
              <td>{state.stats.home[key]}</td>
              <th scope="row">{label}</th>
              <td>{state.stats.away[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
