import { sqlState } from "./errors.js";

/**
 * SQLSTATEs of a transaction that lost to another one running at the same time (a serialization failure, a
 * deadlock): PostgreSQL rolled it back, and the same transaction run again normally succeeds.
 */
export const TRANSACTION_CONFLICTS = ["40001", "40P01"] as const;

/**
 * Runs `work` (a whole transaction) again while it fails with one of `states`, up to `attempts` runs in all, and
 * rethrows the last failure. A request that only lost a race to another then succeeds, where the client would
 * otherwise get a 5xx it could do nothing about. No pause between runs: PostgreSQL reports both kinds of loss
 * once the winner has committed or rolled back, so the next run starts from what it left.
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
