import type { SizeTable } from "./table.js";

const COLORS: Record<string, string> = { buzz: "#f59e0b", socketio: "#6366f1", ws: "#64748b" };

/** Grouped bars: per socket count, each contender's median time until the last socket had the event. */
export function chart(tables: SizeTable[]): string {
  const width = 640;
  const height = 320;
  const pad = { left: 56, bottom: 40, top: 28 };
  const max = Math.max(1, ...tables.flatMap((t) => t.rows.map((r) => (Number.isFinite(r.p50) ? r.p50 : 0))));
  const group = (width - pad.left - 16) / Math.max(1, tables.length);
  const bar = group / 4;
  const y = (ms: number) => height - pad.bottom - (ms / max) * (height - pad.bottom - pad.top);
  const parts = tables.flatMap((t, g) => [
    `<text x="${pad.left + g * group + group / 2 - bar / 2}" y="${height - 16}" font-size="12">N=${t.sockets}</text>`,
    ...t.rows.map((r, k) => {
      const x = pad.left + g * group + k * bar + bar / 2;
      const ms = Number.isFinite(r.p50) ? r.p50 : 0;
      return `<rect x="${x}" y="${y(ms)}" width="${bar - 4}" height="${y(0) - y(ms)}" fill="${COLORS[r.contender] ?? "#999"}"><title>${r.contender}: ${ms.toFixed(1)} ms</title></rect>`;
    }),
  ]);
  const legend = Object.entries(COLORS).map(
    ([name, color], k) =>
      `<rect x="${pad.left + k * 110}" y="6" width="10" height="10" fill="${color}"/><text x="${pad.left + k * 110 + 14}" y="15" font-size="12">${name}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="4" y="${pad.top}" font-size="11">${max.toFixed(0)} ms</text><text x="4" y="${y(0)}" font-size="11">0</text>
<line x1="${pad.left}" y1="${y(0)}" x2="${width - 8}" y2="${y(0)}" stroke="#333"/>
${[...legend, ...parts].join("\n")}
</svg>
`;
}
