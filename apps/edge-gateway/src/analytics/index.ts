import { errorText, withDb } from "@buzz/db";
import type { MatchAnalytics, MatchState, PublishedEvent } from "@buzz/schema/contract";
import { Hono } from "hono";
import { DomainError, unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";
import type { AppEnv } from "../request/app-env.js";
import { fromEdge, toEdge } from "../request/edge-cache.js";
import { intParam, matchIdOf } from "../request/params.js";
import { buildAnalytics, type StoredDerived } from "./build.js";
import { derivedOf } from "./store.js";

/** Pages of the room's log read at once; a whole match is a few hundred events. */
const LOG_PAGE = 1000;
const RETRY_AFTER_S = "10";
const CACHE = "buzz-analytics";
/** The analytics of a state whose every event is enriched: what enrichment derived is kept, even through a replay. */
const SETTLED = "public, max-age=86400, immutable";

/**
 * `GET /v1/matches/{id}/analytics[?until=N]` (public): expected goals, shot distance and win probability per event,
 * as the pipeline derived them, with xG totals per side, for the log up to `until` (default: the match's last
 * sequence, as the room says). The room's log says which events the match has (so a match whose local state was
 * wiped never shows the archive's older run); Postgres says what enrichment made of them.
 * Once every one of those events is enriched, the answer for that state never changes: it is kept in the data
 * center's cache, so the dashboards that read it after a shot (the SDK passes `until`) ask neither the room nor
 * Postgres, and a read without `until` asks the room only where its log ends.
 */
export const analytics = new Hono<AppEnv>().get("/matches/:id/analytics", async (c) => {
  const matchId = matchIdOf(c.req.param("id"));
  const rawUntil = c.req.query("until");
  const until = rawUntil === undefined ? undefined : intParam("until", rawUntil, 0);
  const room = roomOf(c.env, matchId);
  const state = until === undefined ? unwrap(await room.state()) : undefined;
  const upTo = until ?? state!.last_sequence;
  const cacheControl = (settled: boolean) => cacheControlOf(settled, state);

  const url = new URL(c.req.url);
  const key = new Request(`${url.origin}${url.pathname}?until=${upTo}`);
  const hit = await fromEdge(CACHE, key);
  if (hit) {
    // Answered through c.json, as below, so the route keeps its one typed output (hono/client, @buzz/api-types).
    c.header("CF-Cache-Status", hit.headers.get("CF-Cache-Status") ?? "HIT");
    c.header("Cache-Control", cacheControl(true));
    return c.json((await hit.json()) as MatchAnalytics);
  }
  // An empty log reads nothing from the room: it still says whether the match exists.
  if (upTo === 0 && !state) unwrap(await room.state());
  const log = await logUpTo(room, upTo);
  const body = buildAnalytics(matchId, log, await readDerived(c.env, c.executionCtx, log));
  // An `until` past the log's end is a state the match has not reached: its answer may still change.
  const settled = body.pending === 0 && (log.at(-1)?.sequence_number ?? 0) === upTo;
  if (settled)
    toEdge(c.executionCtx, CACHE, key, Response.json(body, { headers: { "Cache-Control": SETTLED } }));
  c.header("Cache-Control", cacheControl(settled));
  return c.json(body);
});

/**
 * Asked `until` a state, that state's answer is final once settled. Asked without, the answer is the match's
 * latest: until the match is over each read must see it anew; a finished match's may be a minute old.
 */
function cacheControlOf(settled: boolean, asked: MatchState | undefined): string {
  if (!settled) return "no-cache";
  if (!asked) return SETTLED;
  return asked.status === "FINISHED" ? "public, max-age=60" : "no-cache";
}

/** The room's log up to `last`, and nothing after it. */
async function logUpTo(room: ReturnType<typeof roomOf>, last: number): Promise<PublishedEvent[]> {
  const log: PublishedEvent[] = [];
  let after = 0;
  while (after < last) {
    const page = unwrap(await room.events(after, Math.min(LOG_PAGE, last - after)));
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
