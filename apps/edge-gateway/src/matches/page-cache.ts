import type { Context } from "hono";
import { cache } from "hono/cache";
import type { AppEnv } from "../request/app-env.js";

export const EVENTS_PAGE_DEFAULT = 100;
export const EVENTS_PAGE_MAX = 1000;

/**
 * A full page of a match's log (as many events as its limit) never changes: the log only grows, and a correction
 * (a VAR cancellation) is a later event, not an edit. Such a page is cached at the edge and served without asking
 * the room, which a final's million dashboards loading its history would otherwise all ask. A page that is not full
 * may still grow, so it is never stored. A day, not a year: a cache entry outlives nothing the room may later do.
 */
export const FULL_PAGE = "public, max-age=86400, immutable";
export const OPEN_PAGE = "no-cache";

export function cacheControlOf(returned: number, limit: number): string {
  return returned === limit ? FULL_PAGE : OPEN_PAGE;
}

/**
 * The key is the page itself (match, after, limit, their defaults filled in), so a query's other parameters or
 * their order neither split the cache nor get past it. hono/cache stores only answers whose Cache-Control allows it
 * (OPEN_PAGE's no-cache does not) and only 200s; on Cloudflare, the Cache API stores nothing on workers.dev
 * routes, so there every page is the room's.
 */
export const eventPages = cache({
  cacheName: "buzz-event-pages",
  keyGenerator: (c: Context<AppEnv>) => {
    const url = new URL(c.req.url);
    const after = c.req.query("after") ?? "0";
    const limit = c.req.query("limit") ?? String(EVENTS_PAGE_DEFAULT);
    return `${url.origin}${url.pathname}?after=${encodeURIComponent(after)}&limit=${encodeURIComponent(limit)}`;
  },
  onCacheNotAvailable: false,
});
