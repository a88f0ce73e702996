// Secrets the Postgres layer reads (wrangler secret put; locally set by @buzz/dev-stack, see wrangler.jsonc).
declare namespace Cloudflare {
  interface Env {
    DATABASE_URL: string;
    /** Local development only: the Neon dev proxy, "127.0.0.1:PORT". */
    NEON_WS_PROXY?: string;
    /** A deployed environment's queue-name prefix ("buzz-staging-"; wrangler.jsonc env.*.vars); none locally. */
    QUEUE_PREFIX?: string;
  }
}
