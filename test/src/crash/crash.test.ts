// The crash suite: a real match replayed by the stadium simulator (its source client keeps a disk WAL and retries)
// while live clients follow it, and mid-match the runtime (wrangler and workerd, SIGKILL) or the embedded Postgres
// (PGlite, SIGKILL) dies. Each case runs a stack of its own next to the suites' shared one. After a restart on the
// same state: every acknowledged event is in the log once, the log is 1..N with no gap, every live client saw each
// event exactly once and in order across its reconnects, and the pipeline archived every sequenced event by
// itself (the rooms' sweepers, outbox and consumer retries; nobody replays anything by hand).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDb, sql } from "@buzz/db";
import { startDatabase } from "@buzz/db/local";
// For its one setting: the Neon driver's WebSocket in Node (20 has no global one), as the db tests use it.
import "@buzz/db/testing";
import { freePort, LOCAL_ONLY_VARS, type Stack, startStack, vapidVars } from "@buzz/dev-stack";
import { loadWorldCup, replayMatch } from "@buzz/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, DEV_KEY } from "../keys.js";
import { sleep } from "../wait.js";
import { type Follower, follow } from "./follower.js";

const FINAL = loadWorldCup().find((m) => m.matchId === "wc2018-64-fra-cro")!;
/** Match seconds per real second: the final in about half a minute, long enough to die in the middle of. */
const SPEED = 240;
const DEADLINE_MS = 3_000;
/** Each stack's wrangler log, kept beside the suites' own (test-results/wrangler.log) for a failure's post-mortem. */
const LOGS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test-results");

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function stackOn(persistTo: string, databaseUrl: string, port?: number): Promise<Stack> {
  const stack = await startStack({
    ...(port === undefined ? {} : { port, portWaitMs: 10_000 }),
    persistTo,
    database: { url: databaseUrl },
    vars: {
      ADMIN_TOKEN,
      SOURCE_KEYS: JSON.stringify([DEV_KEY]),
      ...(await vapidVars()),
      ...LOCAL_ONLY_VARS,
      ARCHIVE_DEADLINE_MS: String(DEADLINE_MS),
    },
    quiet: true,
    logFile: join(LOGS, `crash-wrangler-${Date.now()}.log`),
  });
  cleanups.push(() => stack.stop());
  return stack;
}

/** SIGKILL to wrangler's process group: workerd with it, no shutdown of any kind. */
function killRuntime(stack: Stack) {
  process.kill(-stack.pid, "SIGKILL");
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function readLog(baseUrl: string, matchId: string) {
  const events: { event_id: string; sequence_number: number }[] = [];
  for (let after = 0; ; ) {
    const res = await fetch(`${baseUrl}/v1/matches/${matchId}/events?after=${after}&limit=200`);
    const page = (await res.json()) as { events: typeof events; next_after: number };
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.next_after;
  }
}

async function expectNothingLostOrDoubled(opts: {
  stack: Stack;
  databaseUrl: string;
  acked: string[];
  followers: Follower[];
}) {
  const log = await readLog(opts.stack.baseUrl, FINAL.matchId);
  const sequences = log.map((e) => e.sequence_number);
  expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  expect(new Set(log.map((e) => e.event_id)).size).toBe(log.length);
  const logged = new Set(log.map((e) => e.event_id));
  expect(opts.acked.filter((id) => !logged.has(id))).toEqual([]);

  for (const f of opts.followers) {
    await f.until(log.length);
    expect(f.sequences()).toEqual(sequences);
  }

  // The way the Workers connect, through the stack's dev proxy: on PGlite it then takes turns with them. A direct
  // session would not — pglite-socket runs one session's protocol messages between another's, and the test's
  // unnamed statement was replaced by a consumer's ("bind message supplies 1 parameters, but prepared statement
  // \"\" requires 3").
  const { db, close } = openDb(
    { DATABASE_URL: opts.databaseUrl, NEON_WS_PROXY: opts.stack.neonProxy },
    { maxConnections: 1 },
  );
  try {
    const ids = log.map((e) => e.event_id);
    await waitFor("every sequenced event archived by the pipeline", async () => {
      const { rows } = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from event_archive where event_id = any(${`{${ids.join(",")}}`}::uuid[])`,
      );
      return rows[0]!.n === ids.length;
    });
  } finally {
    await close();
  }
  return log;
}

async function replayWithCrash(baseUrl: string, crash: () => Promise<void>) {
  const walDir = mkdtempSync(join(tmpdir(), "buzz-crash-wal-"));
  cleanups.push(async () => rmSync(walDir, { recursive: true, force: true }));
  let crashed = false;
  const replay = replayMatch({
    baseUrl,
    adminToken: ADMIN_TOKEN,
    keyId: DEV_KEY.id,
    secret: DEV_KEY.secret,
    match: FINAL,
    speed: SPEED,
    walDir,
    seed: "crash",
    // Halfway through the final's events: enough acknowledged before, enough to send after.
    onProgress: (p) => {
      if (!crashed && p.acked >= p.total / 2) {
        crashed = true;
        void crash();
      }
    },
  });
  const result = await replay;
  expect(crashed).toBe(true);
  return result;
}

const ackedIds = (result: Awaited<ReturnType<typeof replayMatch>>) =>
  result.results.map(({ result: r }) => r.event_id);

describe("crashes mid-match", { timeout: 600_000 }, () => {
  it("SIGKILL of the runtime: restarted on the same state, nothing is lost or doubled, sockets resume, the pipeline archives it all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "buzz-crash-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = await startDatabase({
      url: process.env.DATABASE_URL,
      isolate: true,
      dataDir: join(dir, "pglite"),
    });
    cleanups.push(() => database.stop());
    const persistTo = join(dir, "state");
    // The restart must bind the same port; one from the ephemeral range could be taken meanwhile by a connection.
    const port = await freePort();
    let stack = await stackOn(persistTo, database.url, port);
    const { baseUrl } = stack;
    const followers = [
      follow(baseUrl, FINAL.matchId),
      follow(baseUrl, FINAL.matchId),
      follow(baseUrl, FINAL.matchId),
    ];
    cleanups.push(async () => {
      for (const f of followers) f.stop();
    });

    const result = await replayWithCrash(baseUrl, async () => {
      killRuntime(stack);
      await stack.stop(); // the crashed stack's proxy; the database and the state stay
      stack = await stackOn(persistTo, database.url, port);
    });

    const log = await expectNothingLostOrDoubled({
      stack,
      databaseUrl: database.url,
      acked: ackedIds(result),
      followers,
    });
    expect(followers.every((f) => f.connections() >= 2)).toBe(true); // each really lost its socket and resumed
    const state = (await (await fetch(`${baseUrl}/v1/matches/${FINAL.matchId}`)).json()) as any;
    expect([state.home.score, state.away.score]).toEqual([4, 2]);
    expect(state.last_sequence).toBe(log.length);
  });

  it("SIGKILL of the embedded Postgres (PGlite): restarted on its files, the pipeline archives every event by itself", async () => {
    const dir = mkdtempSync(join(tmpdir(), "buzz-crash-pg-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const dataDir = join(dir, "pglite");
    const pgPort = await freePort();
    let database = await startDatabase({ dataDir, port: pgPort });
    cleanups.push(() => database.stop());
    const stack = await stackOn(join(dir, "state"), database.url);
    const followers = [follow(stack.baseUrl, FINAL.matchId)];
    cleanups.push(async () => {
      for (const f of followers) f.stop();
    });

    const result = await replayWithCrash(stack.baseUrl, async () => {
      process.kill(database.pid!, "SIGKILL");
      await database.exited;
      await sleep(2_000); // some of the pipeline's writes fail in the dark
      database = await startDatabase({ dataDir, port: pgPort });
    });

    await expectNothingLostOrDoubled({
      stack,
      databaseUrl: database.url,
      acked: ackedIds(result),
      followers,
    });
  });
});
