// Vars of the webhook admin routes (wrangler.jsonc vars / .dev.vars / --var).
declare namespace Cloudflare {
  interface Env {
    /**
     * "true" lets a webhook point at http://127.0.0.1 or localhost (and at loopback or private addresses over
     * https): local development and tests, whose receivers listen on loopback. Unset in production.
     */
    WEBHOOK_ALLOW_LOOPBACK?: string;
  }
}
