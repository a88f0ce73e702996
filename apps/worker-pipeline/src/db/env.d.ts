// Secrets the Postgres layer reads (wrangler secret put; locally set by scripts/lib/stack.mjs, see wrangler.jsonc).
declare namespace Cloudflare {
  interface Env {
    DATABASE_URL: string;
    /** Local development only: the Neon dev proxy, "127.0.0.1:PORT". */
    NEON_WS_PROXY?: string;
  }
}
