import type { EventTimings, PublishedEvent } from "@buzz/schema/contract";
import { STAGE_BUDGET_MS, STAGES } from "@buzz/schema/contract";

/** The pipeline's stages, then this page's own: when the event reached the browser over the live feed. */
export const PAGE_STAGES = [...STAGES, "shown"] as const;
export type PageStage = (typeof PAGE_STAGES)[number];
export type Hop = Exclude<PageStage, "occurred">;
export const HOPS = PAGE_STAGES.filter((s): s is Hop => s !== "occurred");

/** Which timestamp each hop is measured from. `shown` is the live path: straight from the sequencer, no queue. */
export const FROM: Record<Hop, PageStage> = {
  received: "occurred",
  sequenced: "received",
  enriched: "sequenced",
  routed: "enriched",
  dispatched: "routed",
  shown: "sequenced",
};

/** Stages only the queue pipeline can time (from `GET /v1/ops/matches/{id}/latency`). */
export const PIPELINE_HOPS: ReadonlySet<Hop> = new Set(["enriched", "routed", "dispatched"]);

export const budgetOf = (hop: Hop): number | undefined =>
  hop === "shown" ? undefined : STAGE_BUDGET_MS[hop];

export interface Row {
  event: PublishedEvent;
  /** Epoch ms of each stage this page knows. */
  at: Partial<Record<PageStage, number>>;
}

export function rowOf(
  event: PublishedEvent,
  pipeline: EventTimings | undefined,
  shownAt: number | undefined,
): Row {
  const at: Row["at"] = {
    occurred: Date.parse(event.occurred_at),
    received: Date.parse(event.received_at),
    sequenced: Date.parse(event.published_at),
  };
  for (const hop of PIPELINE_HOPS) {
    const t = pipeline?.at[hop as keyof EventTimings["at"]];
    if (t) at[hop] = Date.parse(t);
  }
  if (shownAt !== undefined) at.shown = shownAt;
  return { event, at };
}

/** Time spent on one hop, or null when either end is unknown. */
export function hopMs(row: Row, hop: Hop): number | null {
  const end = row.at[hop];
  const start = row.at[FROM[hop]];
  return end === undefined || start === undefined ? null : end - start;
}

/** Nearest-rank percentile (p in 0-100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export interface HopStats {
  n: number;
  p50: number | null;
  p99: number | null;
}

export function hopStats(rows: readonly Row[], hop: Hop): HopStats {
  const values = rows.map((r) => hopMs(r, hop)).filter((v): v is number => v !== null);
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99) };
}

export const overBudget = (hop: Hop, ms: number | null) => {
  const budget = budgetOf(hop);
  return budget !== undefined && ms !== null && ms > budget;
};
