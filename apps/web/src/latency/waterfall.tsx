import { describeEvent, duration, eventMinute } from "../format/index.js";
import { PIPELINE_NOT_LANDED } from "../ui/notice.js";
import { HOP_LABEL } from "./stats-table.js";
import { budgetOf, FROM, HOPS, type Hop, hopMs, overBudget, PIPELINE_HOPS, type Row } from "./timings.js";

const PIPE_HOPS = HOPS.filter((h) => h !== "shown");
const TICKS = [10, 100, 1000, 10_000, 60_000, 600_000, 3_600_000];

/**
 * A shared logarithmic axis from "occurred" (0 ms): a 5 ms hop and a 5 s one both stay visible on one line. The
 * axis ends at the slowest event shown, at least 1 s.
 */
function axis(rows: Row[]) {
  const offsets = rows.flatMap((r) => Object.values(r.at).map((t) => t - r.at.occurred!));
  const max = Math.max(1000, ...offsets);
  const scale = Math.log10(1 + max);
  return {
    pos: (ms: number) => (Math.log10(1 + Math.max(0, ms)) / scale) * 100,
    ticks: TICKS.filter((t) => t <= max),
  };
}

/** Why a hop has no number, in a few words (the table above says it in full). */
function absent(hop: Hop, pipelineNote: string | null): string {
  if (hop === "shown") return "not live here (read from the log)";
  if (PIPELINE_HOPS.has(hop) && pipelineNote)
    return pipelineNote === PIPELINE_NOT_LANDED ? "not available" : pipelineNote;
  return "not yet";
}

/** Axis labels: round units, "1 s" rather than "1.00 s". */
const tickLabel = (ms: number) =>
  ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`;

/** One line per event: each hop a segment on the shared axis, over-budget hops marked, the numbers beneath. */
export function Waterfall({ rows, pipelineNote }: { rows: Row[]; pipelineNote: string | null }) {
  const { pos, ticks } = axis(rows);
  return (
    <div className="waterfall">
      <p className="muted wf-note">
        Each bar starts when the event occurred; the time axis is logarithmic, so fast and slow hops both
        show.
      </p>
      <div className="wf-axis" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} className={pos(t) > 85 ? "tick-end" : undefined} style={{ left: `${pos(t)}%` }}>
            {tickLabel(t)}
          </span>
        ))}
      </div>
      <ol className="wf-rows" data-testid="waterfall">
        {rows.map((row) => {
          const over = HOPS.filter((h) => overBudget(h, hopMs(row, h)));
          const segment = (hop: Hop) => {
            const ms = hopMs(row, hop);
            if (ms === null) return null;
            const start = pos(row.at[FROM[hop]]! - row.at.occurred!);
            const end = pos(row.at[hop]! - row.at.occurred!);
            return (
              <span
                key={hop}
                className={`seg hop-${hop}${overBudget(hop, ms) ? " seg-over" : ""}`}
                style={{ left: `${start}%`, width: `${Math.max(0.6, end - start)}%` }}
                title={`${HOP_LABEL[hop]}: ${duration(ms)}`}
              />
            );
          };
          const e = row.event;
          return (
            <li key={e.event_id} className="wf-row" data-event-id={e.event_id}>
              <div className="wf-head">
                <span className="muted">#{e.sequence_number}</span> {eventMinute(e) ?? ""} {describeEvent(e)}
                {over.length > 0 && <span className="tag tag-bad">over budget: {over.join(", ")}</span>}
              </div>
              <div className="track" aria-hidden="true">
                {PIPE_HOPS.map(segment)}
              </div>
              <div className="track track-live" aria-hidden="true">
                {segment("shown")}
              </div>
              <dl className="hops">
                {HOPS.map((hop) => {
                  const ms = hopMs(row, hop);
                  const over = overBudget(hop, ms);
                  return (
                    <div
                      key={hop}
                      className={over ? "over" : undefined}
                      data-hop={hop}
                      title={HOP_LABEL[hop]}
                    >
                      <dt>
                        <span className={`swatch hop-${hop}`} aria-hidden="true" /> {hop}
                      </dt>
                      <dd>
                        {ms === null ? <span className="na">{absent(hop, pipelineNote)}</span> : duration(ms)}
                        {over && ` (over ${budgetOf(hop)} ms)`}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
