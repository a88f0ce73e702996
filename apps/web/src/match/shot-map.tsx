import type { MatchState } from "@buzz/schema";
import type { Attempt } from "./attempts.js";

/** Pitch in metres; event coordinates are 0-100 along and across it, the attacking goal at x = 100. */
const L = 105;
const W = 68;
const MARKER_R = 1.8;

/** Home attacks to the right, away to the left, so both teams' attempts sit at the goal they aimed at. */
function place(a: Attempt & { coordinates: { x: number; y: number } }) {
  const { x, y } = a.coordinates;
  return a.side === "HOME" ? { cx: (x / 100) * L, cy: (y / 100) * W } : { cx: ((100 - x) / 100) * L, cy: ((100 - y) / 100) * W };
}

function Pitch() {
  return (
    <g className="pitch-lines" fill="none">
      <rect x={0} y={0} width={L} height={W} />
      <line x1={L / 2} y1={0} x2={L / 2} y2={W} />
      <circle cx={L / 2} cy={W / 2} r={9.15} />
      <rect x={0} y={(W - 40.3) / 2} width={16.5} height={40.3} />
      <rect x={L - 16.5} y={(W - 40.3) / 2} width={16.5} height={40.3} />
      <rect x={0} y={(W - 18.3) / 2} width={5.5} height={18.3} />
      <rect x={L - 5.5} y={(W - 18.3) / 2} width={5.5} height={18.3} />
      <rect x={-1.5} y={(W - 7.32) / 2} width={1.5} height={7.32} />
      <rect x={L} y={(W - 7.32) / 2} width={1.5} height={7.32} />
    </g>
  );
}

export function ShotMap({ attempts, state }: { attempts: Attempt[]; state: MatchState }) {
  const placed = attempts.filter((a): a is Attempt & { coordinates: { x: number; y: number } } => a.coordinates !== null);
  const unplaced = attempts.length - placed.length;
  const count = (side: "HOME" | "AWAY") => placed.filter((a) => a.side === side).length;
  return (
    <section className="card" aria-labelledby="shotmap-title">
      <h3 id="shotmap-title">Shot map</h3>
      <svg
        className="pitch"
        viewBox={`-3 -3 ${L + 6} ${W + 6}`}
        role="img"
        aria-label={`Shot map: ${state.home.name} ${count("HOME")} attempts drawn (attacking right), ${state.away.name} ${count("AWAY")} (attacking left)`}
      >
        <rect x={-3} y={-3} width={L + 6} height={W + 6} className="pitch-grass" />
        <Pitch />
        {placed.map((a) => {
          const { cx, cy } = place(a);
          return (
            <circle
              key={a.id}
              cx={cx}
              cy={cy}
              r={MARKER_R}
              className={`marker marker-${a.side.toLowerCase()}${a.goal ? " marker-goal" : ""}${a.cancelled ? " marker-cancelled" : ""}`}
            >
              <title>{a.label}</title>
            </circle>
          );
        })}
      </svg>
      <p className="legend">
        <span className="key key-pitch-home" aria-hidden="true" /> {state.home.name} attacks →{" "}
        <span className="key key-pitch-away" aria-hidden="true" /> {state.away.name} attacks ← · filled: goal · ring: shot · dashed: cancelled goal
      </p>
      <p className="notice" role="note">
        Expected goals are computed by the pipeline but not yet served to this page, so every marker is the same size.
      </p>
      {unplaced > 0 && (
        <p className="muted">
          {unplaced} of {attempts.length} attempts came without pitch coordinates and are not drawn.
        </p>
      )}
    </section>
  );
}
