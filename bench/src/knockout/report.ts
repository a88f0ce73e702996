import type { Attempt } from "../../../test/src/mock-push/index.js";
import { printComparison, summarize } from "../stats.js";
import type { GoalPushes } from "./goals.js";

const TARGET_P99_MS = 1_000;
/** After the last replay: how long a goal's pushes may still take before it is reported undelivered. */
export const DRAIN_MS = 60_000;

/** Prints the goal → push tables, what was never (or only partly) delivered, and whether the target is met. */
export function report(
  pushes: GoalPushes[],
  inData: number,
  sequencedMs: number[],
  failed: string[],
  attempts: Attempt[],
) {
  // A goal ops had no received_at for has no time (NaN): left out, like one not pushed yet.
  const timed = (ms: (g: GoalPushes) => number | undefined) =>
    summarize(pushes.map(ms).filter((x): x is number => Number.isFinite(x)));
  const first = timed((g) => g.firstMs);
  const all = timed((g) => g.allMs);
  const baseline = { name: "baseline: received → sequenced (ops)", summary: summarize(sequencedMs) };
  printComparison(
    `Knockout day: ${pushes.length} goals of 16 matches at once, received → first push at the mock`,
    { name: "goal received → first push (1 of its 2 fans)", summary: first },
    baseline,
  );
  printComparison(
    `… and to both fans`,
    { name: "goal received → push to both fans", summary: all },
    baseline,
  );
  const none = pushes.filter((g) => g.delivered === 0).map((g) => `${g.matchId} ${g.eventId}`);
  const partly = pushes
    .filter((g) => g.delivered > 0 && g.allMs === undefined)
    .map((g) => `${g.matchId} ${g.eventId} (${g.delivered} of ${g.fans.size})`);
  const refused = attempts.filter((a) => a.status !== 201);
  console.log(
    `\ngoals: ${pushes.length} sequenced (${inData} in the data) · ${pushes.length - none.length - partly.length} pushed to every fan · ${partly.length} to some · ${none.length} to none (after ${DRAIN_MS / 1000} s of drain) · ${refused.length} push requests refused by the mock`,
  );
  for (const line of [...none.map((g) => `no push: ${g}`), ...partly.map((g) => `partly: ${g}`)])
    console.log(`  ${line}`);
  for (const line of failed) console.log(`  replay failed: ${line}`);
  const verdict = (p99: number) => (p99 <= TARGET_P99_MS ? "met" : "NOT met");
  console.log(
    `target p99 ≤ ${TARGET_P99_MS} ms: first push ${verdict(first.p99)} (${first.p99.toFixed(0)} ms) · both fans ${verdict(all.p99)} (${all.p99.toFixed(0)} ms)`,
  );
  return {
    goalsInData: inData,
    first,
    all,
    baseline: baseline.summary,
    undelivered: { none, partly },
    refusedByMock: refused.map(({ endpoint, status, reason }) => ({ endpoint, status, reason })),
  };
}
