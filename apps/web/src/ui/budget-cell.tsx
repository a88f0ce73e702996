import { duration } from "../format/index.js";

/** A latency figure in a table, marked in words and colour when it is over its budget. */
export function BudgetCell({
  ms,
  budget,
  label,
}: {
  ms: number | null;
  budget: number | undefined;
  label: string;
}) {
  const over = budget !== undefined && ms !== null && ms > budget;
  return (
    <td className={over ? "over" : undefined} data-label={label}>
      {ms === null ? "—" : duration(ms)}
      {over && <span className="tag tag-bad">over budget</span>}
    </td>
  );
}
