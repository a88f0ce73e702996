// Rate limits with the Workers Rate Limiting binding (wrangler.jsonc `ratelimits`): counted per Cloudflare
// location and approximate, which is what a limit against floods needs (exact quotas are the pipeline's job).
// The binding says only yes or no, so Retry-After is the window's length: the count is back to zero by then.
import { DomainError } from "../errors/domain.js";

/** The windows the binding supports, and the one each limiter of wrangler.jsonc uses. */
export const WINDOW_SECONDS = { DEVICE_REGISTRATIONS: 60, INGEST_BY_KEY: 10 } as const;
export type Limiter = keyof typeof WINDOW_SECONDS;

/** Throws 429 with Retry-After when `key` is over the limiter's budget. */
export async function enforce(env: Env, limiter: Limiter, key: string, what: string): Promise<void> {
  const { success } = await env[limiter].limit({ key });
  if (success) return;
  const seconds = WINDOW_SECONDS[limiter];
  throw new DomainError(429, "rate_limited", `${what}: try again in ${seconds} s`, undefined, {
    "Retry-After": String(seconds),
  });
}

/**
 * The client's address as Cloudflare saw it (CF-Connecting-IP, which Cloudflare sets and clients cannot forge);
 * an IPv6 address counts as its /64, since one subscriber holds a whole /64.
 */
export function addressOf(req: Request): string {
  const ip = req.headers.get("CF-Connecting-IP") ?? "unknown";
  return ip.includes(":") ? ip.split(":").slice(0, 4).join(":") : ip;
}
