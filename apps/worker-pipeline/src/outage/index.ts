// The pipeline's queue consumers ride out a short Postgres outage inside their invocation
// (@buzz/db holdThroughOutage) instead of leaving their batch, and the backlog behind it, to the queue's retry delays.
import { holdThroughOutage, postgresAnswers } from "@buzz/db";

/**
 * How long an invocation waits for Postgres to come back. 30 s by default: a blip is ridden out without the queue's
 * retry delays, while a consumer holds its batch for well under the platform's 15 min of wall time; a longer outage
 * falls back to the retries, each of them holding again, so ten retries outlast more of it.
 */
export function outageHoldMs(env: Env): number {
  const seconds = Number(env.POSTGRES_OUTAGE_HOLD_SECONDS ?? 30);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

/** Runs `work`, held through an outage of up to outageHoldMs; `work` must be safe to run again. */
export function holdingThroughOutage<T>(env: Env, ctx: ExecutionContext, work: () => Promise<T>): Promise<T> {
  return holdThroughOutage(work, () => postgresAnswers(env, ctx), { holdMs: outageHoldMs(env) });
}

/** holdingThroughOutage for this invocation, for a consumer that holds each of its Postgres steps. */
export const holdingFor =
  (env: Env, ctx: ExecutionContext) =>
  <T>(step: () => Promise<T>): Promise<T> =>
    holdingThroughOutage(env, ctx, step);
