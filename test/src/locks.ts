// For tests that line requests up behind a lock held by a session of their own, so that a race happens every run.
import type pg from "pg";

/** Waits until `n` sessions of `client`'s database wait on a lock. */
export async function waitForLockWaiters(client: pg.Client, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${n} sessions ever waited on a lock`);
}
