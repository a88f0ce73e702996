import { withDb } from "@buzz/db";
import type { OpsHealth } from "@buzz/schema/contract";
import { SOURCE_QUEUES } from "@buzz/schema/contract";
import { directoryOf } from "../directory/index.js";
import { roomOf } from "../matches/room.js";
import { backlogOf } from "./bindings.js";
import { deadLetterCounts, dispatchOutcomes, stageLatency } from "./stats.js";

/** `GET /v1/ops/health`: the queues, the rooms and Postgres asked side by side. */
export async function opsHealth(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
): Promise<OpsHealth> {
  const [backlogs, sockets, listSockets, requeued, fromDb] = await Promise.all([
    Promise.all(SOURCE_QUEUES.map((q) => backlogOf(env, q))),
    liveSockets(env),
    directoryOf(env).listSockets(),
    directoryOf(env).archiveTotals(),
    withDb(
      env,
      ctx,
      async (db) => ({
        dead: await deadLetterCounts(db),
        dispatch: await dispatchOutcomes(db),
        latency: await stageLatency(db),
      }),
      {
        maxConnections: 1,
      },
    ),
  ]);
  return {
    generated_at: new Date().toISOString(),
    queues: SOURCE_QUEUES.map((name, i) => ({
      name,
      backlog: backlogs[i]!,
      dead_letters: fromDb.dead.get(name) ?? 0,
    })),
    dispatch: fromDb.dispatch,
    latency: fromDb.latency,
    sockets,
    list_sockets: listSockets,
    archive: { requeued_by_sweeper: requeued.requeued },
  };
}

/** WebSocket and SSE clients of each LIVE match, as its room counts them. */
async function liveSockets(env: Env): Promise<OpsHealth["sockets"]> {
  const live = await directoryOf(env).list({ status: "LIVE" });
  return Promise.all(
    live.map(async ({ match_id }) => {
      const { websockets, sse } = await roomOf(env, match_id).connections();
      return { match_id, websockets, sse };
    }),
  );
}
