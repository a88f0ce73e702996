// Secrets are not in wrangler.jsonc, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    ADMIN_TOKEN: string;
    SOURCE_KEYS: string;
  }
}
