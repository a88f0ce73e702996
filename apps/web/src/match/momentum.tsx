import type { MatchAnalytics, MatchState, Side } from "@buzz/schema/contract";
import { clockValue } from "./attempts.js";
import { latestChances, percent, type XgAttempt } from "./xg.js";

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 30, right: 8, top: 8, bottom: 20 };

/** What an attempt adds to its side's line: its xG once served (a cancelled goal nothing), else 1 attempt. */
const weightOf = (a: XgAttempt, byXg: boolean) => (byXg ? (a.cancelled ? 0 : (a.xg ?? 0)) : 1);

/** Cumulative value of one side as a step line: (minute, total) points. */
function steps(attempts: XgAttempt[], side: Side, end: number, byXg: boolean): [number, number][] {
  const points: [number, number][] = [[0, 0]];
  let total = 0;
  for (const a of attempts) {
    if (a.side !== side) continue;
    points.push([a.at, total]);
    total += weightOf(a, byXg);
    points.push([a.at, total]);
  }
  points.push([end, total]);
  return points;
}

const fmt = (v: number, byXg: boolean) => (byXg ? v.toFixed(2) : String(v));

/**
 * Who is making the chances, and when: cumulative expected goals per side as step lines, goals marked. Until
 * expected goals are served, each attempt counts 1, and the page says so.
 */
export function MomentumChart({
  attempts,
  state,
  analytics,
}: {
  attempts: XgAttempt[];
  state: MatchState;
  analytics: MatchAnalytics | null;
}) {
  const byXg = analytics !== null;
  const extraTime =
    state.period?.startsWith("EXTRA") ||
    state.period === "PENALTY_SHOOTOUT" ||
    attempts.some((a) => a.at > 95);
  const now = state.minute === null ? 0 : clockValue(state.minute, state.stoppage_minute);
  const end = Math.max(extraTime ? 120 : 90, now, ...attempts.map((a) => a.at));
  const live = state.status === "FINISHED" ? end : Math.max(now, ...attempts.map((a) => a.at), 0);
  const lines = { HOME: steps(attempts, "HOME", live, byXg), AWAY: steps(attempts, "AWAY", live, byXg) };
  const totals = { HOME: lines.HOME.at(-1)![1], AWAY: lines.AWAY.at(-1)![1] };
  const top = byXg
    ? Math.max(1, Math.ceil(Math.max(totals.HOME, totals.AWAY) * 2) / 2)
    : Math.max(3, totals.HOME, totals.AWAY);
  const x = (m: number) => PAD.left + (m / end) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (side: Side) =>
    lines[side].map(([m, v], i) => `${i ? "L" : "M"}${x(m).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const marks = [45, 90, ...(extraTime ? [105, 120] : [])];
  const what = byXg ? "Expected goals (xG)" : "Attempts";
  const summary = `${state.home.name} ${fmt(totals.HOME, byXg)}, ${state.away.name} ${fmt(totals.AWAY, byXg)}`;
  const chances = latestChances(analytics);

  return (
    <section className="card" aria-labelledby="momentum-title">
      <h3 id="momentum-title">Momentum: {byXg ? "expected goals" : "attempts"} over time</h3>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        data-testid="xg-chart"
        aria-label={`${what} so far: ${summary}`}
      >
        <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={y(0)} y2={y(top)} />
        <text className="tick" x={PAD.left - 4} y={y(top) + 4} textAnchor="end">
          {fmt(top, byXg && top % 1 !== 0)}
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
            // The dot sits where its side's line stands just after the goal.
            const v = lines[a.side].filter(([m]) => m <= a.at).at(-1)?.[1] ?? 0;
            return (
              <circle
                key={a.id}
                cx={x(a.at)}
                cy={y(v)}
                r={3.5}
                className={`marker marker-${a.side.toLowerCase()} marker-goal${a.cancelled ? " marker-cancelled" : ""}`}
              >
                <title>{a.label}</title>
              </circle>
            );
          })}
      </svg>
      <p className="legend" data-testid="xg-totals">
        <span className="key key-home" aria-hidden="true" /> {state.home.name} {fmt(totals.HOME, byXg)} ·{" "}
        <span className="key key-away" aria-hidden="true" /> {state.away.name} {fmt(totals.AWAY, byXg)}{" "}
        {byXg ? "xG" : "attempts"} · dots are goals
      </p>
      {!byXg && <p className="muted">Each attempt counts 1 until expected goals are served.</p>}
      {chances && (
        <p className="legend" data-testid="win-probability">
          Win probability after {chances.after}: {state.home.name} {percent(chances.chances.home)} · draw{" "}
          {percent(chances.chances.draw)} · {state.away.name} {percent(chances.chances.away)}
        </p>
      )}
    </section>
  );
}
