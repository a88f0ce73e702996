import { errorText, withDb } from "@buzz/db";
import type { PublishedEvent } from "@buzz/schema/contract";
import { Hono } from "hono";
import { DomainError, unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";
import type { AppEnv } from "../request/app-env.js";
import { matchIdOf } from "../request/params.js";
import { buildAnalytics, type StoredDerived } from "./build.js";
import { derivedOf } from "./store.js";

/** Pages of the room's log read at once; a whole match is a few hundred events. */
const LOG_PAGE = 1000;
const RETRY_AFTER_S = "10";

/**
 * `GET /v1/matches/{id}/analytics` (public): expected goals, shot distance and win probability per event, as the
 * pipeline derived them, with xG totals per side. The room's log says which events the match has (so a match whose
 * local state was wiped never shows the archive's older run); Postgres says what enrichment made of them.
 */
export const analytics = new Hono<AppEnv>().get("/matches/:id/analytics", async (c) => {
  const matchId = matchIdOf(c.req.param("id"));
  const room = roomOf(c.env, matchId);
  const state = unwrap(await room.state());
  const log = await wholeLog(room, state.last_sequence);
  const derived = await readDerived(c.env, c.executionCtx, log);
  const body = buildAnalytics(matchId, log, derived);
  // Settled once the match is over and every event enriched; until then each read must see the latest.
  c.header(
    "Cache-Control",
    state.status === "FINISHED" && body.pending === 0 ? "public, max-age=60" : "no-cache",
  );
  return c.json(body);
});

async function wholeLog(room: ReturnType<typeof roomOf>, last: number): Promise<PublishedEvent[]> {
  const log: PublishedEvent[] = [];
  let after = 0;
  while (after < last) {
    const page = unwrap(await room.events(after, LOG_PAGE));
    if (page.events.length === 0) break;
    log.push(...page.events);
    after = page.next_after;
  }
  return log;
}

/** Postgres holds what enrichment derived; without it the page can say so, but there is nothing to show. */
async function readDerived(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  log: PublishedEvent[],
): Promise<Map<string, StoredDerived>> {
  if (!env.DATABASE_URL)
    throw unavailable(
      "this gateway has no connection to Postgres (DATABASE_URL is not set), where the pipeline keeps them",
    );
  try {
    return await withDb(
      env,
      ctx,
      (db) =>
        derivedOf(
          db,
          log.map((e) => e.event_id),
        ),
      { maxConnections: 1 },
    );
  } catch (err) {
    console.error(JSON.stringify({ msg: "analytics read failed", error: errorText(err) }));
    throw unavailable("Postgres, where the pipeline keeps them, did not answer: try again shortly");
  }
}

const unavailable = (why: string) =>
  new DomainError(
    503,
    "analytics_unavailable",
    `expected goals and win probability are unavailable: ${why}`,
    undefined,
    {
      "Retry-After": RETRY_AFTER_S,
      "Cache-Control": "no-store",
    },
  );
