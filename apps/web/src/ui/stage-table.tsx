import { BudgetCell } from "./budget-cell.js";

/** The columns of a per-stage latency table. */
export function StageTableHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Stage</th>
        <th scope="col">Budget</th>
        <th scope="col">n</th>
        <th scope="col">p50</th>
        <th scope="col">p99</th>
      </tr>
    </thead>
  );
}

/** A stage's budget, then its sample count and percentiles against it — or `note` across them when it has none. */
export function StageFigures({
  budget,
  n,
  p50,
  p99,
  note,
}: {
  budget: number | undefined;
  n: number;
  p50: number | null;
  p99: number | null;
  note?: string | null;
}) {
  return (
    <>
      <td data-label="budget">{budget === undefined ? "—" : `${budget} ms`}</td>
      {note ? (
        <td colSpan={3} className="na">
          {note}
        </td>
      ) : (
        <>
          <td data-label="n">{n}</td>
          <BudgetCell ms={p50} budget={budget} label="p50" />
          <BudgetCell ms={p99} budget={budget} label="p99" />
        </>
      )}
    </>
  );
}
