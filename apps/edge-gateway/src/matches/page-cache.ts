import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../request/app-env.js";
import { fromEdge, toEdge } from "../request/edge-cache.js";
import { intParam, matchIdOf } from "../request/params.js";

const CACHE = "buzz-event-pages";

export const EVENTS_PAGE_DEFAULT = 100;
export const EVENTS_PAGE_MAX = 1000;

/**
 * A full page of a match's log (as many events as its limit) never changes: the log only grows, and a correction
 * (a VAR cancellation) is a later event, not an edit. Such a page is cached at the edge and served without asking
 * the room, so readers that page from multiples of the limit (the dashboard) ask the room only for a match's last
 * page — and not even that when they say where they stop (`until`). A page that may still grow is never stored. A
 * day, not a year: a cache entry outlives nothing the room may later do.
 */
const FULL_PAGE = "public, max-age=86400, immutable";
const OPEN_PAGE = "no-cache";

export function cacheControlOf(returned: number, limit: number): string {
  return returned === limit ? FULL_PAGE : OPEN_PAGE;
}

/** What a page asks the room for, as `?after=N&limit=M&until=U` says. */
export interface Page {
  after: number;
  /** At most `until - after`: a page told where the reader's log ends stops there, complete once it gets there. */
  limit: number;
  /**
   * The last sequence the reader wants (it knows the match reached it: a live snapshot's `last_sequence`). A page
   * that reaches it is as final as a full one, so readers that opened on the same state share one cached tail.
   */
  until?: number;
}

/** The query's page, its defaults filled in; 400 invalid_query for a parameter that is not a plain integer in range. */
export function pageOf(c: Context<AppEnv>): Page {
  const after = intParam("after", c.req.query("after"), 0);
  const limit = intParam("limit", c.req.query("limit"), EVENTS_PAGE_DEFAULT, 1, EVENTS_PAGE_MAX);
  const rawUntil = c.req.query("until");
  if (rawUntil === undefined) return { after, limit };
  const until = intParam("until", rawUntil, 0);
  return { after, limit: Math.max(1, Math.min(limit, until - after)), until };
}

/** The events of a page the room answered that the reader asked for: none past `until`. */
export function eventsOf<E extends { sequence_number: number }>(page: Page, events: E[]): E[] {
  return page.until === undefined ? events : events.filter((e) => e.sequence_number <= page.until!);
}

/**
 * The page itself (match, after, limit as pageOf made it) as a request without headers: a query's other
 * parameters or their order neither split the cache nor get past it, `until` only narrows the limit (the tail it
 * asks for is the full page of that limit), and an `Authorization` a client sends anyway (this route reads none;
 * earlier SDK releases sent the device token on every read) does not keep it from the shared page — which is why
 * this is the Workers Cache API and not hono/cache, which passes every request with `Authorization` by.
 */
function pageKey(c: Context<AppEnv>, { after, limit }: Page): Request {
  const url = new URL(c.req.url);
  return new Request(`${url.origin}${url.pathname}?after=${after}&limit=${limit}`);
}

/**
 * Answers a full page from the cache, or stores the handler's answer when it is one (FULL_PAGE, 200).
 */
export const eventPages = createMiddleware<AppEnv>(async (c, next) => {
  // The handler's checks, in its order: a bad match id is named before a bad query.
  matchIdOf(c.req.param("id"));
  const page = pageOf(c);
  // Nothing to read (until <= after): the room still says whether the match exists, and no page is shared.
  if (page.until !== undefined && page.until <= page.after) return next();
  const key = pageKey(c, page);
  const hit = await fromEdge(CACHE, key);
  if (hit) return hit;
  await next();
  if (c.res.status === 200 && c.res.headers.get("Cache-Control") === FULL_PAGE)
    toEdge(c.executionCtx, CACHE, key, c.res);
});
