import { summarize } from "../stats.js";
import type { RunResult } from "./run.js";

export interface ContenderRow {
  contender: string;
  p50: number;
  p99: number;
  ackP50: number;
  cpuUs: number;
  cpuBy: Record<string, number>;
  missing: number;
  frameBytes: number;
}
export interface SizeTable {
  sockets: number;
  rows: ContenderRow[];
}

const fixed = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
const ratio = (a: number, b: number | undefined) =>
  b && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : "—";

/** Pools the rounds of each contender at one size, prints them with ratios to Socket.IO and to the floor. */
export function printTable(sockets: number, runs: RunResult[]): SizeTable {
  const names = [...new Set(runs.map((r) => r.contender))];
  const rows = names.map((contender): ContenderRow => {
    const mine = runs.filter((r) => r.contender === contender);
    const pool = (pick: (r: RunResult) => number[]) => summarize(mine.flatMap(pick));
    const cpuBy: Record<string, number> = {};
    for (const r of mine)
      for (const [comm, us] of Object.entries(r.cpuUsPerSocketEvent))
        cpuBy[comm] = (cpuBy[comm] ?? 0) + us / mine.length;
    return {
      contender,
      p50: summarize(mine.map((r) => r.last.p50)).p50,
      p99: Math.max(...mine.map((r) => r.last.p99)),
      ackP50: pool((r) => [r.ack.p50]).p50,
      cpuUs: Object.values(cpuBy).reduce((s, x) => s + x, 0),
      cpuBy,
      missing: mine.reduce((s, r) => s + r.missing, 0),
      frameBytes: Math.max(...mine.map((r) => r.frameBytes)),
    };
  });
  const by = (name: string) => rows.find((r) => r.contender === name);
  const header = [
    "",
    "last p50 ms",
    "last p99 ms",
    "÷ Socket.IO",
    "÷ ws floor",
    "ack p50 ms",
    "CPU µs/socket/event",
    "frame B",
  ];
  const lines = rows.map((r) => [
    r.contender,
    fixed(r.p50),
    fixed(r.p99),
    ratio(r.p50, by("socketio")?.p50),
    ratio(r.p50, by("ws")?.p50),
    fixed(r.ackP50, 2),
    `${fixed(r.cpuUs)} (${Object.entries(r.cpuBy)
      .map(([c, us]) => `${c} ${fixed(us)}`)
      .join(", ")})`,
    String(r.frameBytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\nIngest → the LAST of ${sockets} sockets has the event (median of the runs' p50; worst run's p99)`,
  );
  console.log(`${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const l of lines) console.log(line(l));
  const lost = rows.filter((r) => r.missing > 0);
  if (lost.length)
    console.log(
      `!! events not on every socket within 30 s: ${lost.map((r) => `${r.contender} ${r.missing}`).join(", ")}`,
    );
  return { sockets, rows };
}
