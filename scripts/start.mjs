#!/usr/bin/env node
// `npm run dev`: the local stack (both Workers in one wrangler dev). `npm start` (= --replay): the same,
// then the 2018 final replayed live through the stadium simulator. Both honour BUZZ_PORT.
// --fresh first deletes the persisted local state (.buzz/state, and the embedded database .buzz/pglite).
// Postgres: DATABASE_URL's server when set, else an embedded PGlite in .buzz/pglite; migrated on every start.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { FINAL_MATCH_ID, finalProgress, replayFinal } from "./lib/replay.mjs";
import { ROOT, startStack } from "./lib/stack.mjs";

const replay = process.argv.includes("--replay");
const STATE = join(ROOT, ".buzz", "state");
const PGLITE = join(ROOT, ".buzz", "pglite");
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

for (const file of await ensureDevVars(ROOT)) console.log(`buzz: wrote local dev secrets (keys, VAPID pair) to ${file}`);
// With the replay's progress on screen, wrangler's request log goes to a file instead.
const logFile = replay ? join(ROOT, ".buzz", "wrangler.log") : undefined;
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

try {
  stack = await startStack({ port, persistTo: STATE, logFile, database: { dataDir: PGLITE } });
} catch (err) {
  console.error(`buzz: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
printUrls(stack, replay ? FINAL_MATCH_ID : "<match_id>");
stack.exited.then((why) => {
  if (stopping) return;
  console.error(`buzz: wrangler stopped (${why})`);
  process.exit(1);
});

if (replay) {
  const done = await finalProgress(stack.baseUrl);
  if (done.lastSequence > 0) {
    console.log(`buzz: the final was already replayed into ${STATE} (${done.lastSequence} events, ${done.status}); replaying it again would only send duplicates.`);
    console.log("      To watch it live again: npm start -- --fresh (deletes the local state first)\n");
  } else {
    console.log("buzz: replaying the 2018 World Cup final (France 4-2 Croatia) — open the dashboard to watch it live\n");
    replayAbort = new AbortController();
    const code = await replayFinal(ROOT, stack.baseUrl, { signal: replayAbort.signal });
    if (!stopping) console.log(`\nbuzz: replay ${code === 0 ? "finished" : `exited with code ${code}`}; the stack keeps running — Ctrl-C to stop`);
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
