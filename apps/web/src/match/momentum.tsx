import type { MatchState, Side } from "@buzz/schema";
import { clockValue, type Attempt } from "./attempts.js";

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 26, right: 8, top: 8, bottom: 20 };

/** Cumulative attempts of one side as a step line: (minute, count) points. */
function steps(attempts: Attempt[], side: Side, end: number): [number, number][] {
  const points: [number, number][] = [[0, 0]];
  let n = 0;
  for (const a of attempts) {
    if (a.side !== side) continue;
    points.push([a.at, n]);
    points.push([a.at, ++n]);
  }
  points.push([end, n]);
  return points;
}

/**
 * Attempts over time, as a cumulative line per side with goals marked: who is pressing, and when. Until the
 * pipeline adds expected goals every attempt counts 1.
 */
export function MomentumChart({ attempts, state }: { attempts: Attempt[]; state: MatchState }) {
  const extraTime = state.period?.startsWith("EXTRA") || state.period === "PENALTY_SHOOTOUT" || attempts.some((a) => a.at > 95);
  const now = state.minute === null ? 0 : clockValue(state.minute, state.stoppage_minute);
  const end = Math.max(extraTime ? 120 : 90, now, ...attempts.map((a) => a.at));
  const live = state.status === "FINISHED" ? end : Math.max(now, ...attempts.map((a) => a.at), 0);
  const top = Math.max(3, ...(["HOME", "AWAY"] as const).map((s) => attempts.filter((a) => a.side === s).length));
  const x = (m: number) => PAD.left + (m / end) * (WIDTH - PAD.left - PAD.right);
  const y = (n: number) => HEIGHT - PAD.bottom - (n / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (side: Side) => steps(attempts, side, live).map(([m, n], i) => `${i ? "L" : "M"}${x(m).toFixed(1)},${y(n).toFixed(1)}`).join(" ");
  const totals = (side: Side) => attempts.filter((a) => a.side === side).length;
  const marks = [45, 90, ...(extraTime ? [105, 120] : [])];

  return (
    <section className="card" aria-labelledby="momentum-title">
      <h3 id="momentum-title">Momentum: attempts over time</h3>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Attempts so far: ${state.home.name} ${totals("HOME")}, ${state.away.name} ${totals("AWAY")}`}
      >
        <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={y(0)} y2={y(top)} />
        <text className="tick" x={PAD.left - 4} y={y(top) + 4} textAnchor="end">
          {top}
        </text>
        <text className="tick" x={PAD.left - 4} y={y(0)} textAnchor="end">
          0
        </text>
        {marks.map((m) => (
          <g key={m}>
            <line className="grid" x1={x(m)} x2={x(m)} y1={y(0)} y2={y(top)} />
            <text className="tick" x={x(m)} y={HEIGHT - 6} textAnchor="middle">
              {m}'
            </text>
          </g>
        ))}
        {(["HOME", "AWAY"] as const).map((side) => (
          <path key={side} d={path(side)} className={`line line-${side.toLowerCase()}`} />
        ))}
        {attempts
          .filter((a) => a.goal)
          .map((a) => {
            const n = attempts.filter((b) => b.side === a.side && b.at <= a.at).indexOf(a) + 1;
            return (
              <circle key={a.id} cx={x(a.at)} cy={y(n)} r={3.5} className={`marker marker-${a.side.toLowerCase()} marker-goal${a.cancelled ? " marker-cancelled" : ""}`}>
                <title>{a.label}</title>
              </circle>
            );
          })}
      </svg>
      <p className="legend">
        <span className="key key-home" aria-hidden="true" /> {state.home.name} {totals("HOME")} · <span className="key key-away" aria-hidden="true" />{" "}
        {state.away.name} {totals("AWAY")} · dots are goals
      </p>
      <p className="notice" role="note">
        Expected goals are not yet served to this page, so each attempt counts 1.
      </p>
    </section>
  );
}
