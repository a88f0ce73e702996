import { sqlState } from "./errors.js";

/**
 * SQLSTATEs of a transaction that lost to another one running at the same time (a serialization failure, a
 * deadlock): PostgreSQL rolled it back, and the same transaction run again normally succeeds.
 */
export const TRANSACTION_CONFLICTS = ["40001", "40P01"] as const;

/**
 * Runs `work` (a whole transaction) again while it fails with one of `states`, up to `attempts` runs in all, and
 * rethrows the last failure. A request that only lost a race to another then succeeds, where the client would
 * otherwise get a 5xx it could do nothing about. No pause between runs: a unique violation against a concurrent
 * insert is reported once that insert has committed, so the next run sees it; a deadlock's victim is rolled back
 * while the winner still runs, and its next run simply waits for the winner's locks.
 */
export async function rerunOn<T>(
  states: readonly string[],
  work: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await work();
    } catch (err) {
      const state = sqlState(err);
      if (run >= attempts || state === undefined || !states.includes(state)) throw err;
    }
  }
}
