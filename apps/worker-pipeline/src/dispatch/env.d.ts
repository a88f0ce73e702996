// What dispatch reads from the environment (secrets: wrangler secret put; locally .dev.vars or --var).
declare namespace Cloudflare {
  interface Env {
    /** base64url 65-byte P-256 point; checked against the private key when both are set. */
    VAPID_PUBLIC_KEY: string;
    /** base64url raw 32-byte P-256 scalar (the `web-push generate-vapid-keys` format). */
    VAPID_PRIVATE_KEY: string;
    /** mailto: or https: contact sent in every VAPID JWT (RFC 8292 `sub`). */
    VAPID_SUBJECT: string;
    /** Producer of notifications-dlq: a message retrying cannot fix goes there at once, not after 7 attempts. */
    NOTIFICATIONS_DLQ: Queue;
  }
}
