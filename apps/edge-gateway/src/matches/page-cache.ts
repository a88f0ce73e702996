import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../request/app-env.js";

export const EVENTS_PAGE_DEFAULT = 100;
export const EVENTS_PAGE_MAX = 1000;

/**
 * A full page of a match's log (as many events as its limit) never changes: the log only grows, and a correction
 * (a VAR cancellation) is a later event, not an edit. Such a page is cached at the edge and served without asking
 * the room, so readers that page from multiples of the limit (the dashboard) ask the room only for a match's last
 * page. A page that is not full may still grow, so it is never stored. A day, not a year: a cache entry outlives
 * nothing the room may later do.
 */
const FULL_PAGE = "public, max-age=86400, immutable";
const OPEN_PAGE = "no-cache";

export function cacheControlOf(returned: number, limit: number): string {
  return returned === limit ? FULL_PAGE : OPEN_PAGE;
}

/**
 * The page itself (match, after, limit, their defaults filled in) as a request without headers: a query's other
 * parameters or their order neither split the cache nor get past it, and an `Authorization` a client sends anyway
 * (this route reads none; earlier SDK releases sent the device token on every read) does not keep it from
 * the shared page — which is why this is the Workers Cache API and not hono/cache, which passes every request with
 * `Authorization` by.
 */
function pageKey(c: Context<AppEnv>): Request {
  const url = new URL(c.req.url);
  const after = c.req.query("after") ?? "0";
  const limit = c.req.query("limit") ?? String(EVENTS_PAGE_DEFAULT);
  return new Request(
    `${url.origin}${url.pathname}?after=${encodeURIComponent(after)}&limit=${encodeURIComponent(limit)}`,
  );
}

/**
 * Answers a full page from the cache, or stores the handler's answer when it is one (FULL_PAGE, 200). On
 * Cloudflare the Cache API keeps nothing on workers.dev routes: there, every page is the room's.
 */
export const eventPages = createMiddleware<AppEnv>(async (c, next) => {
  const cache = await caches.open("buzz-event-pages");
  const key = pageKey(c);
  const hit = await cache.match(key);
  // A copy: the cached response's headers are immutable, and the CORS middleware still sets its own.
  if (hit) return new Response(hit.body, hit);
  await next();
  if (c.res.status === 200 && c.res.headers.get("Cache-Control") === FULL_PAGE)
    c.executionCtx.waitUntil(cache.put(key, c.res.clone()));
});
