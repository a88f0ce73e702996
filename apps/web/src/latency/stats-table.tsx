import { BudgetCell } from "../ui/budget-cell.js";
import { budgetOf, HOPS, hopStats, PIPELINE_HOPS, type Hop, type Row } from "./timings.js";

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
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Budget</th>
            <th scope="col">n</th>
            <th scope="col">p50</th>
            <th scope="col">p99</th>
          </tr>
        </thead>
        <tbody>
          {HOPS.map((hop) => {
            const budget = budgetOf(hop);
            const s = hopStats(rows, hop);
            const missing = PIPELINE_HOPS.has(hop) && pipelineNote;
            return (
              <tr key={hop} data-testid={`stage-${hop}`}>
                <th scope="row">
                  <span className={`swatch hop-${hop}`} aria-hidden="true" /> {HOP_LABEL[hop]}
                </th>
                <td data-label="budget">{budget === undefined ? "—" : `${budget} ms`}</td>
                {missing ? (
                  <td colSpan={3} className="na">
                    {pipelineNote}
                  </td>
                ) : (
                  <>
                    <td data-label="n">{s.n}</td>
                    <BudgetCell ms={s.p50} budget={budget} label="p50" />
                    <BudgetCell ms={s.p99} budget={budget} label="p99" />
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
