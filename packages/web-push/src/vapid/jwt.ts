// RFC 8292 §2: the VAPID token is a JWT signed with ES256 (RFC 7515 §A.3: signature = raw r | s, 64 bytes,
// which is exactly what WebCrypto's ECDSA returns).

import { base64urlEncode, utf8 } from "../bytes/index.js";
import { WebPushError } from "../errors.js";
import type { VapidKeys } from "./keys.js";

/** RFC 8292 §2: a token must not be valid for more than 24 hours. */
export const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;

export interface VapidClaims {
  /** The push service's origin (scheme://host[:port]). */
  aud: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Who to contact about this sender: a mailto: or https: URI. */
  sub: string;
}

const HEADER = base64urlEncode(utf8(JSON.stringify({ typ: "JWT", alg: "ES256" })));

export function assertVapidSubject(sub: string): void {
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(sub)) {
    throw new WebPushError(
      "invalid_vapid_claims",
      `the VAPID subject must be a mailto: address or an https: URL, got "${sub}"`,
    );
  }
}

/** Signs a VAPID JWT; `nowSeconds` is only there so the 24-hour bound is checked against the same clock. */
export async function signVapidJwt(
  claims: VapidClaims,
  keys: VapidKeys,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  assertVapidSubject(claims.sub);
  if (new URL(claims.aud).origin !== claims.aud) {
    throw new WebPushError(
      "invalid_vapid_claims",
      `the VAPID audience must be an origin, got "${claims.aud}"`,
    );
  }
  if (
    !Number.isInteger(claims.exp) ||
    claims.exp <= nowSeconds ||
    claims.exp > nowSeconds + MAX_VAPID_LIFETIME_SECONDS
  ) {
    throw new WebPushError(
      "invalid_vapid_claims",
      "the VAPID expiry must be in the future and at most 24 hours away",
    );
  }
  const signingInput = `${HEADER}.${base64urlEncode(utf8(JSON.stringify({ aud: claims.aud, exp: claims.exp, sub: claims.sub })))}`;
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    keys.privateKey,
    utf8(signingInput),
  );
  return `${signingInput}.${base64urlEncode(new Uint8Array(signature))}`;
}

/** RFC 8292 §3: `Authorization: vapid t=<jwt>, k=<public key>`. */
export const vapidAuthorization = (jwt: string, publicKey: string) => `vapid t=${jwt}, k=${publicKey}`;
