// Variables the outage hold reads (unset: the default).
declare namespace Cloudflare {
  interface Env {
    /** Seconds an invocation waits for an unreachable Postgres before retrying with backoff; "0" never waits. Default 30. */
    POSTGRES_OUTAGE_HOLD_SECONDS?: string;
  }
}
