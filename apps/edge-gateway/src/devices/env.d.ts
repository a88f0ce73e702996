// Secrets of the device and push endpoints (wrangler secret put; locally .dev.vars or --var, see wrangler.jsonc).
declare namespace Cloudflare {
  interface Env {
    DATABASE_URL: string;
    /** Local development only: the Neon dev proxy, "127.0.0.1:PORT". */
    NEON_WS_PROXY?: string;
    VAPID_PUBLIC_KEY: string;
  }
}
