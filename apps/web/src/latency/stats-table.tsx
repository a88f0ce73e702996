import { StageFigures, StageTableHead } from "../ui/stage-table.js";
import { budgetOf, HOPS, type Hop, hopStats, PIPELINE_HOPS, type Row } from "./timings.js";

export const HOP_LABEL: Record<Hop, string> = {
  received: "occurred → received (gateway)",
  sequenced: "received → sequenced",
  enriched: "sequenced → enriched",
  routed: "enriched → routed",
  dispatched: "routed → dispatched",
  shown: "sequenced → shown in this browser",
};

/** p50 / p99 per hop over this match's events, against the reference design's budget. */
export function StatsTable({ rows, pipelineNote }: { rows: Row[]; pipelineNote: string | null }) {
  return (
    <div className="table-wrap">
      <table className="stats">
        <caption>Per stage, this match ({rows.length} events)</caption>
        <StageTableHead />
        <tbody>
          {HOPS.map((hop) => {
            const s = hopStats(rows, hop);
            return (
              <tr key={hop} data-testid={`stage-${hop}`}>
                <th scope="row">
                  <span className={`swatch hop-${hop}`} aria-hidden="true" /> {HOP_LABEL[hop]}
                </th>
                <StageFigures
                  budget={budgetOf(hop)}
                  n={s.n}
                  p50={s.p50}
                  p99={s.p99}
                  note={PIPELINE_HOPS.has(hop) ? pipelineNote : null}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
