// Variables routing reads (wrangler.jsonc "vars"; unset locally unless the launcher sets them).
declare namespace Cloudflare {
  interface Env {
    /** Origin of the dashboard, e.g. "https://buzz.example": notifications link to `${PUBLIC_BASE_URL}/#/matches/{id}`. */
    PUBLIC_BASE_URL?: string;
  }
}
