// What only local development sets (@buzz/dev-stack), so wrangler.jsonc cannot declare it for `wrangler types`.
declare namespace Cloudflare {
  interface Env {
    /** The Neon dev proxy, "127.0.0.1:PORT". */
    NEON_WS_PROXY?: string;
  }
}
