// The knockout-day burst: the 16 knockout matches of 2018 (round of 16 to the final) replayed at once against one
// stack, one fan device per team, every goal timed from the gateway receiving it to its fans' pushes at the strict
// mock push service (test/src/mock-push), with the per-stage instants ops records for it.
//   npm run bench:knockout -w @buzz/bench      BENCH_KNOCKOUT_SPEED=160 (match seconds per real second)
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEV_ADMIN_TOKEN,
  DEV_PUSH_ENDPOINT_ALLOWLIST,
  DEV_SOURCE_KEY,
  DEV_VARS,
  startStack,
  vapidVars,
} from "@buzz/dev-stack";
import { goalsOf, loadWorldCup, replayMatch } from "@buzz/simulator";
import { startMockPush } from "../../../test/src/mock-push/index.js";
import { benchLanes, positiveInt } from "../env.js";
import { registerFans } from "../fans.js";
import { RESULTS, saveResult } from "../results.js";
import { matchTimings, printStages, stageFigures } from "../stages.js";
import { type Goal, goalIds, goalPushes } from "./goals.js";
import { DRAIN_MS, report } from "./report.js";

const SPEED = positiveInt("BENCH_KNOCKOUT_SPEED", 160);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((l) => l.toFixed(2));

const matches = loadWorldCup().filter((m) => !m.raw.round.startsWith("Matchday"));
if (matches.length !== 16) throw new Error(`expected the 16 knockout matches, found ${matches.length}`);
const teams = [...new Set(matches.flatMap((m) => [m.home.code, m.away.code]))];

console.log(
  `bench knockout · node ${process.version} · ${matches.length} matches (${matches[0]!.matchId} … ${matches.at(-1)!.matchId}) at once · ${teams.length} fans (one per team) · speed ${SPEED}×`,
);
const startedAt = Date.now();
const vapid = await vapidVars();
const stack = await startStack({
  vars: { ...DEV_VARS, ...vapid, PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST },
  // A database of its own: fans a run left in a shared one would be pushed too, to a mock long gone.
  database: { isolate: true },
  logLevel: "warn",
  logFile: join(RESULTS, "wrangler-knockout.log"),
  quiet: true,
  ...benchLanes(),
});
const push = await startMockPush();
const walDir = mkdtempSync(join(tmpdir(), "buzz-bench-knockout-"));
try {
  const fans = await registerFans(stack.baseUrl, push, vapid.VAPID_PUBLIC_KEY, teams, 1);
  const fanOf = new Map(fans.map((f) => [f.team, f.endpoint]));

  const loadBefore = load();
  console.log(`bench: ${stack.database.kind} · load average before ${loadBefore.join(" ")} · replaying…`);
  const replayStart = Date.now();
  const settled = await Promise.allSettled(
    matches.map(async (match) => {
      const result = await replayMatch({
        baseUrl: stack.baseUrl,
        adminToken: DEV_ADMIN_TOKEN,
        keyId: DEV_SOURCE_KEY.id,
        secret: DEV_SOURCE_KEY.secret,
        match,
        speed: SPEED,
        walDir,
        seed: "knockout",
      });
      console.log(`  ${match.matchId} replayed in ${((Date.now() - replayStart) / 1000).toFixed(1)} s`);
      return result;
    }),
  );
  const replayMs = Date.now() - replayStart;
  const failed = settled.flatMap((s, i) =>
    s.status === "rejected" ? [`${matches[i]!.matchId}: ${String(s.reason?.message ?? s.reason)}`] : [],
  );
  const replays = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const goals: Goal[] = replays.flatMap((r) => {
    const match = matches.find((m) => m.matchId === r.matchId)!;
    const fans = new Set([fanOf.get(match.home.code)!, fanOf.get(match.away.code)!]);
    return goalIds(r).map((eventId) => ({ matchId: r.matchId, eventId, fans }));
  });

  // The mock stamps each push as it has it, so waiting here adds nothing to the figures.
  const drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil && goalPushes(goals, push.deliveries()).some((g) => g.allMs === undefined))
    await sleep(200);
  const timings = await matchTimings(
    stack.baseUrl,
    replays.map((r) => r.matchId),
  );
  const ids = new Set(goals.map((g) => g.eventId));
  const received = new Map(timings.map((t) => [t.event_id, Date.parse(t.at.received ?? "")]));
  const sequencedMs = timings.flatMap((t) =>
    ids.has(t.event_id) && t.at.received && t.at.sequenced
      ? [Date.parse(t.at.sequenced) - Date.parse(t.at.received)]
      : [],
  );
  const pushes = goalPushes(goals, push.deliveries(), received);
  const inData = matches.reduce((n, m) => n + goalsOf(m).length, 0);
  const figures = report(pushes, inData, sequencedMs, failed, push.attempts());
  const hops = stageFigures(timings, ids);
  const fromReceived = stageFigures(timings, ids, "received");
  printStages(hops);
  printStages(fromReceived, "from the gateway receiving the goal (ops latency instants)", "span");
  const loadAfter = load();
  const totalMs = Date.now() - startedAt;
  console.log(
    `\nreplay ${(replayMs / 1000).toFixed(1)} s · whole run ${(totalMs / 1000).toFixed(1)} s · load average after ${loadAfter.join(" ")}`,
  );
  const file = saveResult("knockout", {
    config: { speed: SPEED, matches: matches.map((m) => m.matchId), fans: teams.length, drainMs: DRAIN_MS },
    database: stack.database.kind,
    load: { before: loadBefore, after: loadAfter },
    wallMs: { replay: replayMs, total: totalMs },
    replaysFailed: failed,
    ...figures,
    stages: { hops, fromReceived },
    goals: pushes.map(({ fans, ...g }) => ({ ...g, fans: fans.size })),
  });
  console.log(`bench: results written to ${file}`);
} finally {
  await push.close();
  await stack.stop();
  rmSync(walDir, { recursive: true, force: true });
}
