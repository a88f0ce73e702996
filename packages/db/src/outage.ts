// Riding out a short Postgres outage inside a queue consumer's invocation. A batch retried with the queue's backoff
// comes back when its delay is up, not when Postgres is: after a 5 s outage the events trickled in over the next
// 4–8 s of retry delays (bench:drain). Held here instead, the batch goes on the moment a probe gets an answer, and
// the rest of the backlog waits undelivered in the queue — no attempt spent — to follow right behind it.
import { type DbEnv, withDb } from "./client.js";
import { isDatabaseUnavailable, sqlState } from "./errors.js";

export interface HoldOptions {
  /** How long an invocation waits for Postgres to come back before it lets the failure go (0: never waits). */
  holdMs: number;
  /** Time between probes while Postgres is away. Default 500 ms. */
  probeEveryMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A query Postgres answered with an error that says the query is wrong, not that the server cannot serve: holding
 * would not help. Anything else (no SQLSTATE: the driver's socket failed) is for the probe to judge.
 */
const refusedByPostgres = (err: unknown) => sqlState(err) !== undefined && !isDatabaseUnavailable(err);

/**
 * Runs `work`. When it fails and Postgres does not answer a probe either (a query it refused aside), probes every
 * `probeEveryMs` until Postgres answers and runs `work` again, for at most `holdMs` from the start in all (a probe
 * still connecting may end past it, by at most the pool's 10 s connection timeout); otherwise (a query Postgres refused, a failure while Postgres answers, or the hold used up) the failure is thrown
 * for the caller's retry with backoff. `work` must be safe to run again after a failure part-way.
 */
export async function holdThroughOutage<T>(
  work: () => Promise<T>,
  answers: () => Promise<boolean>,
  { holdMs, probeEveryMs = 500, sleep = pause, now = Date.now }: HoldOptions,
): Promise<T> {
  const until = now() + holdMs;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (holdMs <= 0 || refusedByPostgres(err) || (await answers())) throw err;
      let back = false;
      while (!back && now() + probeEveryMs <= until) {
        await sleep(probeEveryMs);
        back = await answers();
      }
      if (!back) throw err;
    }
  }
}

/** Whether Postgres answers `select 1` on a connection of its own (a failed pool's may be dead). */
export async function postgresAnswers(
  env: DbEnv,
  ctx: { waitUntil(promise: Promise<unknown>): void },
): Promise<boolean> {
  try {
    await withDb(env, ctx, (db) => db.$client.query("select 1"), { maxConnections: 1 });
    return true;
  } catch {
    return false;
  }
}
