#!/usr/bin/env node
// `npm run dev`: the local stack (both Workers in one wrangler dev). `npm start` (= --replay): the same,
// then the 2018 final replayed live through the stadium simulator. Both honour BUZZ_PORT.
// --fresh first deletes the persisted local state (.buzz/state, and the embedded database .buzz/pglite).
// Postgres: DATABASE_URL's server when set, else an embedded PGlite in .buzz/pglite; migrated on every start.
// A stack whose runtime dies is restarted on the same port and state (3 times in 10 min, then exit 1).
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { devVars } from "./dev-vars.mjs";
import { FINAL_MATCH_ID, finalProgress, replayFinal } from "./replay.mjs";
import { ROOT, startStack } from "./stack.mjs";

const replay = process.argv.includes("--replay");
// BUZZ_HOME moves the local state elsewhere (a second stack beside yours, or a test of this launcher).
const HOME = process.env.BUZZ_HOME ? resolve(process.env.BUZZ_HOME) : join(ROOT, ".buzz");
const STATE = join(HOME, "state");
const PGLITE = join(HOME, "pglite");
const port = Number(process.env.BUZZ_PORT || 8787);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`buzz: BUZZ_PORT must be a port number, got ${JSON.stringify(process.env.BUZZ_PORT)}`);
  process.exit(2);
}
if (process.argv.includes("--fresh")) {
  rmSync(STATE, { recursive: true, force: true });
  rmSync(PGLITE, { recursive: true, force: true });
  console.log(`buzz: deleted ${STATE} and ${PGLITE}`);
  if (process.env.DATABASE_URL) console.log("buzz: DATABASE_URL is your own server: left as it is");
}

const { vars, created } = await devVars(ROOT);
if (created) console.log(`buzz: generated a local VAPID key pair into ${created}`);
// With the replay's progress on screen, wrangler's request log goes to a file instead.
const logFile = replay ? join(HOME, "wrangler.log") : undefined;
console.log(`buzz: starting wrangler dev on port ${port}…${logFile ? ` (log: ${logFile})` : ""}`);

let stack;
let replayAbort;
let stopping = false;
const shutdown = async (code) => {
  stopping = true;
  replayAbort?.abort();
  await stack?.stop();
  process.exit(code);
};
process.once("SIGINT", () => shutdown(130));
process.once("SIGTERM", () => shutdown(143));

/** Restarts after a runtime that died; more than this within RESTART_WINDOW_MS is a fault to report, not hide. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 10 * 60_000;

const start = async (portWaitMs = 0) => {
  try {
    return await startStack({
      port,
      portWaitMs,
      persistTo: STATE,
      logFile,
      database: { dataDir: PGLITE },
      vars,
      watch: true,
    });
  } catch (err) {
    console.error(`buzz: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
};

/** Keeps the stack up: wrangler exiting, or workerd dying behind it, restarts it on the same port and state. */
async function supervise() {
  const restarts = [];
  for (;;) {
    const why = await Promise.race([stack.exited.then((w) => `wrangler stopped (${w})`), stack.unhealthy]);
    if (stopping) return;
    restarts.push(Date.now());
    if (restarts.filter((t) => Date.now() - t < RESTART_WINDOW_MS).length > MAX_RESTARTS) {
      console.error(
        `buzz: ${why}, again: ${MAX_RESTARTS} restarts in ${RESTART_WINDOW_MS / 60_000} min; giving up`,
      );
      await stack.stop();
      process.exit(1);
    }
    // Said before the teardown, which can take seconds (wrangler's exit, the runtime's ports, PGlite closing).
    console.error(`buzz: ${why}; restarting the stack (state is kept in ${STATE})`);
    await stack.stop();
    stack = await start(10_000);
    console.error(`buzz: back at ${stack.baseUrl}`);
  }
}

stack = await start();
printUrls(stack, replay ? FINAL_MATCH_ID : "<match_id>");
void supervise();

if (replay) {
  const done = await finalProgress(stack.baseUrl);
  if (done.lastSequence > 0) {
    console.log(
      `buzz: the final was already replayed into ${STATE} (${done.lastSequence} events, ${done.status}); replaying it again would only send duplicates.`,
    );
    console.log("      To watch it live again: npm start -- --fresh (deletes the local state first)\n");
  } else {
    console.log(
      "buzz: replaying the 2018 World Cup final (France 4-2 Croatia) — open the dashboard to watch it live\n",
    );
    replayAbort = new AbortController();
    const code = await replayFinal(ROOT, stack.baseUrl, { signal: replayAbort.signal });
    if (!stopping)
      console.log(
        `\nbuzz: replay ${code === 0 ? "finished" : `exited with code ${code}`}; the stack keeps running — Ctrl-C to stop`,
      );
  }
}

function printUrls({ baseUrl: base, database }, matchId) {
  const ws = base.replace(/^http/, "ws");
  const db = database.kind === "pglite" ? `PGlite in ${PGLITE} (${database.url})` : redact(database.url);
  console.log(`
  Buzz is running
    Dashboard   ${base}/
    API         ${base}/v1            (health: ${base}/v1/health)
    Matches     curl ${base}/v1/matches?status=LIVE
    Match       curl ${base}/v1/matches/${matchId}
    Live (WS)   npx wscat -c ${ws}/v1/matches/${matchId}/live
    Live (SSE)  curl -N ${base}/v1/matches/${matchId}/stream
    Dev keys    source dev-source / dev-source-secret · admin Bearer dev-admin-token
    Postgres    ${db}
  Ctrl-C stops everything.
`);
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
