// The archive sweeper against the real stack: events the pipeline archived and then lost (rows deleted here, as a
// crashed consumer or a lost queue message would leave them) are found by their room, handed to the queue again,
// and archived again, by the platform alone; /v1/ops/health counts them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getJson, postEvents } from "./http.js";
import { ADMIN_TOKEN, ARCHIVE_DEADLINE_MS } from "./keys.js";
import { createMatch, distinctShots } from "./match.js";
import { sleep } from "./wait.js";

let sql: pg.Client;
beforeAll(async () => {
  sql = new pg.Client({ connectionString: inject("databaseUrl") });
  await sql.connect();
});
afterAll(() => sql.end());

const archivedIds = async (ids: string[]) =>
  (
    await sql.query<{ event_id: string }>("select event_id from event_archive where event_id = any($1)", [
      ids,
    ])
  ).rows.map((r) => r.event_id);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const requeuedTotal = async () =>
  (await getJson("/v1/ops/health", { Authorization: `Bearer ${ADMIN_TOKEN}` })).body.archive
    .requeued_by_sweeper as number;

describe("the archive sweeper", () => {
  it("re-archives sequenced events the archive lost, without anyone asking, and counts them", async () => {
    const matchId = await createMatch("sweeper");
    const before = await requeuedTotal();
    const res = await postEvents(matchId, { events: distinctShots(6) });
    expect(res.status).toBe(202);
    const ids: string[] = res.body.results.map((r: { event_id: string }) => r.event_id);

    // Archived by the pipeline, then lost: delete them before the room's first sweep looks.
    await until("the pipeline to archive the events", async () =>
      (await archivedIds(ids)).length === ids.length ? true : undefined,
    );
    const lost = ids.slice(2, 5);
    await sql.query("delete from event_archive where event_id = any($1)", [lost]);
    expect(await archivedIds(lost)).toEqual([]);

    // Nobody replays anything: the sweeper notices after the deadline and the pipeline archives them again.
    await until(
      "the lost events back in the archive",
      async () => ((await archivedIds(lost)).length === lost.length ? true : undefined),
      30 * ARCHIVE_DEADLINE_MS,
    );
    expect((await archivedIds(ids)).sort()).toEqual([...ids].sort());
    expect(await requeuedTotal()).toBeGreaterThanOrEqual(before + lost.length);
  });
});
