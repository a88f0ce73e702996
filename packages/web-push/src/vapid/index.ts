// One VAPID token per push-service origin, reused until it nears expiry: signing is the costliest step
// of a send after ECDH, and RFC 8292 lets a token serve every message to that origin while it is valid.
import { WebPushError } from "../errors.js";
import { assertVapidSubject, MAX_VAPID_LIFETIME_SECONDS, signVapidJwt, vapidAuthorization } from "./jwt.js";
import type { VapidKeys } from "./keys.js";

export { MAX_VAPID_LIFETIME_SECONDS, signVapidJwt, type VapidClaims, vapidAuthorization } from "./jwt.js";
export {
  type EcPrivateJwk,
  generateVapidKeys,
  importVapidKeys,
  type VapidKeyInput,
  type VapidKeys,
} from "./keys.js";

export interface VapidOptions {
  keys: VapidKeys;
  /** mailto: or https: contact of the sender (the `sub` claim). */
  subject: string;
  /** Token lifetime; default 12 h, at most 24 h. */
  lifetimeSeconds?: number;
  /** A cached token is replaced once it has less than this left; default 1 h. */
  refreshBeforeSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** What the request builder needs: the `Authorization` header value for an endpoint (or its origin). */
export interface VapidAuthorizer {
  authorization(endpoint: string | URL): Promise<string>;
}

// FCM, Mozilla, Apple and WNS hosts are a handful; the cap only guards against a hostile subscription list.
const MAX_ORIGINS = 1024;

export class VapidTokenCache implements VapidAuthorizer {
  private readonly entries = new Map<string, { exp: number; header: Promise<string> }>();
  private readonly lifetime: number;
  private readonly refreshBefore: number;
  private readonly now: () => number;

  constructor(private readonly options: VapidOptions) {
    assertVapidSubject(options.subject);
    this.lifetime = options.lifetimeSeconds ?? 12 * 60 * 60;
    this.refreshBefore = options.refreshBeforeSeconds ?? 60 * 60;
    this.now = options.now ?? Date.now;
    if (
      !Number.isInteger(this.lifetime) ||
      this.lifetime <= 0 ||
      this.lifetime > MAX_VAPID_LIFETIME_SECONDS
    ) {
      throw new WebPushError("invalid_vapid_claims", "the VAPID token lifetime must be between 1 s and 24 h");
    }
    if (!(this.refreshBefore >= 0 && this.refreshBefore < this.lifetime)) {
      throw new WebPushError(
        "invalid_vapid_claims",
        "refreshBeforeSeconds must be shorter than the token lifetime",
      );
    }
  }

  /** `vapid t=…, k=…` for the endpoint's origin (an origin alone will do); concurrent callers share one signature. */
  authorization(endpoint: string | URL): Promise<string> {
    // Entries are keyed by serialised origin, so a string found among them already is one: no URL to parse.
    const origin =
      typeof endpoint !== "string"
        ? endpoint.origin
        : this.entries.has(endpoint)
          ? endpoint
          : new URL(endpoint).origin;
    const nowSeconds = Math.floor(this.now() / 1000);
    const hit = this.entries.get(origin);
    if (hit && hit.exp - nowSeconds > this.refreshBefore) return hit.header;

    const exp = nowSeconds + this.lifetime;
    const header = signVapidJwt(
      { aud: origin, exp, sub: this.options.subject },
      this.options.keys,
      nowSeconds,
    ).then((jwt) => vapidAuthorization(jwt, this.options.keys.publicKey));
    const entry = { exp, header };
    this.entries.delete(origin);
    if (this.entries.size >= MAX_ORIGINS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(origin, entry);
    // A failed signature is not cached: the next send tries again.
    header.catch(() => {
      if (this.entries.get(origin) === entry) this.entries.delete(origin);
    });
    return header;
  }
}
