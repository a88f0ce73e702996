export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Nearest-rank percentiles over milliseconds. */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { n: sorted.length, p50: rank(50), p99: rank(99), mean, max: sorted.at(-1)! };
}

export interface Row {
  name: string;
  summary: Summary;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");

/** A measured row printed beside its baseline, with the ratio measured/baseline per column. */
export function printComparison(title: string, measured: Row, baseline: Row) {
  const rows = [measured, baseline].map((r) => [
    r.name,
    String(r.summary.n),
    ms(r.summary.p50),
    ms(r.summary.p99),
    ms(r.summary.mean),
    ms(r.summary.max),
  ]);
  const m = measured.summary;
  const b = baseline.summary;
  rows.push([
    "ratio (measured / baseline)",
    "",
    ratio(m.p50, b.p50),
    ratio(m.p99, b.p99),
    ratio(m.mean, b.mean),
    ratio(m.max, b.max),
  ]);
  const header = ["", "n", "p50 ms", "p99 ms", "mean ms", "max ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
}
