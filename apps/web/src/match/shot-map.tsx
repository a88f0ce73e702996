import type { MatchState } from "@buzz/schema/contract";
import { markerRadius, type XgAttempt, xgText } from "./xg.js";
import { XgTable } from "./xg-table.js";

/** Pitch in metres; event coordinates are 0-100 along and across it, the attacking goal at x = 100. */
const L = 105;
const W = 68;
/** An attempt whose expected goals are not known (yet): a small ring, not a size that would claim a chance. */
const UNKNOWN_R = 1.2;
const LEGEND_XG = [0.05, 0.2, 0.5];

type Placed = XgAttempt & { coordinates: { x: number; y: number } };

/** Home attacks to the right, away to the left, so both teams' attempts sit at the goal they aimed at. */
function place(a: Placed) {
  const { x, y } = a.coordinates;
  return a.side === "HOME"
    ? { cx: (x / 100) * L, cy: (y / 100) * W }
    : { cx: ((100 - x) / 100) * L, cy: ((100 - y) / 100) * W };
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

/** Reference circles at the pitch's scale, so a marker's size reads as a chance. */
function SizeLegend() {
  const w = 10 + LEGEND_XG.reduce((s, xg) => s + 2 * markerRadius(xg) + 9, 0);
  let x = 2;
  return (
    <svg
      className="xg-legend"
      viewBox={`0 0 ${w} 12`}
      role="img"
      aria-label={`Marker area is proportional to expected goals: ${LEGEND_XG.map(xgText).join(", ")}`}
    >
      {LEGEND_XG.map((xg) => {
        const r = markerRadius(xg);
        const cx = x + r;
        x += 2 * r + 9;
        return (
          <g key={xg}>
            <circle cx={cx} cy={6} r={r} className="legend-marker" />
            <text x={cx + r + 0.8} y={7.5} className="legend-text">
              {xg}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ShotMap({
  attempts,
  state,
  note,
}: {
  attempts: XgAttempt[];
  state: MatchState;
  note: string | null;
}) {
  const placed = attempts.filter((a): a is Placed => a.coordinates !== null);
  const unplaced = attempts.length - placed.length;
  const count = (side: "HOME" | "AWAY") => placed.filter((a) => a.side === side).length;
  // Big chances first, so a small marker inside a big one stays on top and can be hovered.
  const drawn = [...placed].sort((a, b) => (b.xg ?? 0) - (a.xg ?? 0));
  return (
    <section className="card" aria-labelledby="shotmap-title">
      <h3 id="shotmap-title">Shot map</h3>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a fieldset; role=group names the markers' container. */}
      <svg
        className="pitch"
        viewBox={`-3 -3 ${L + 6} ${W + 6}`}
        role="group"
        data-testid="shot-map"
        aria-label={`Shot map: ${state.home.name} ${count("HOME")} attempts drawn (attacking right), ${state.away.name} ${count("AWAY")} (attacking left)`}
      >
        <rect x={-3} y={-3} width={L + 6} height={W + 6} className="pitch-grass" />
        <Pitch />
        {drawn.map((a) => {
          const { cx, cy } = place(a);
          const label = `${a.label}${a.xg === null ? "" : `, ${xgText(a.xg)}`}`;
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable marker read as an image with its label, so keyboard users reach every shot.
            <circle
              key={a.id}
              cx={cx}
              cy={cy}
              r={a.xg === null ? UNKNOWN_R : markerRadius(a.xg)}
              data-xg={a.xg ?? undefined}
              tabIndex={0}
              role="img"
              aria-label={label}
              className={`marker marker-${a.side.toLowerCase()}${a.goal ? " marker-goal" : ""}${a.cancelled ? " marker-cancelled" : ""}${a.xg === null ? " marker-unknown" : ""}`}
            >
              <title>{label}</title>
            </circle>
          );
        })}
      </svg>
      <div className="legend">
        <span className="key key-pitch-home" aria-hidden="true" /> {state.home.name} attacks →{" "}
        <span className="key key-pitch-away" aria-hidden="true" /> {state.away.name} attacks ← · filled: goal
        · ring: shot · dashed: cancelled goal
        <div className="legend-sizes">
          Area ∝ expected goals (xG): <SizeLegend />
        </div>
      </div>
      {note && (
        <p className="notice" role="note" data-testid="xg-status">
          {note} Markers without it are drawn as small rings.
        </p>
      )}
      {unplaced > 0 && (
        <p className="muted">
          {unplaced} of {attempts.length} attempts came without pitch coordinates and are not drawn.
        </p>
      )}
      <XgTable attempts={attempts} state={state} />
    </section>
  );
}
