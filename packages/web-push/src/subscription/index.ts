// A browser PushSubscription as JSON, checked before anything is stored or sent.

import { type Bytes, base64urlDecode } from "../bytes/index.js";
import { importP256PublicKey, type WebCryptoKey } from "../encryption/index.js";
import { WebPushError } from "../errors.js";
import type { EndpointAllowList } from "./allow-list.js";

export { type EndpointAllowList, endpointAllowList } from "./allow-list.js";

/** `PushSubscription.toJSON()`. */
export interface PushSubscriptionJSON {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

export interface ValidSubscription {
  endpoint: URL;
  /** `endpoint.href` and `endpoint.origin` read once: in workerd every URL getter is a call into the runtime. */
  href: string;
  origin: string;
  p256dh: Bytes;
  auth: Bytes;
  /** `p256dh` imported for ECDH: proof that it is a point on P-256. */
  key: WebCryptoKey;
}

const MAX_ENDPOINT_LENGTH = 2048;

const fail = (field: string, message: string) => new WebPushError("invalid_subscription", message, field);

function decodeKey(value: unknown, field: string, length: number): Bytes {
  if (typeof value !== "string") throw fail(field, `${field} must be a base64url string`);
  let bytes: Bytes;
  try {
    bytes = base64urlDecode(value);
  } catch {
    throw fail(field, `${field} must be base64url`);
  }
  if (bytes.length !== length)
    throw fail(field, `${field} must decode to ${length} bytes, got ${bytes.length}`);
  return bytes;
}

function parseEndpoint(value: unknown, allow: EndpointAllowList): URL {
  if (typeof value !== "string" || value.length === 0)
    throw fail("endpoint", "endpoint must be a URL string");
  if (value.length > MAX_ENDPOINT_LENGTH)
    throw fail("endpoint", `endpoint is longer than ${MAX_ENDPOINT_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail("endpoint", "endpoint is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw fail("endpoint", "endpoint must be an https URL");
  if (url.username || url.password) throw fail("endpoint", "endpoint must not carry credentials");
  if (!allow(url)) {
    throw new WebPushError(
      "endpoint_not_allowed",
      `endpoint origin ${url.origin} is not an allowed push service`,
      "endpoint",
    );
  }
  return url;
}

/**
 * Checks a subscription as received from a device: an allowed endpoint, a 65-byte uncompressed P-256 point
 * that is on the curve, a 16-byte auth secret. Throws a WebPushError naming the field at fault.
 */
export async function validateSubscription(
  input: unknown,
  allow: EndpointAllowList,
): Promise<ValidSubscription> {
  if (typeof input !== "object" || input === null) throw fail("", "a push subscription must be an object");
  const { endpoint, keys } = input as { endpoint?: unknown; keys?: unknown };
  const url = parseEndpoint(endpoint, allow);
  if (typeof keys !== "object" || keys === null)
    throw fail("keys", "keys must be an object with p256dh and auth");
  const { p256dh, auth } = keys as { p256dh?: unknown; auth?: unknown };
  const point = decodeKey(p256dh, "keys.p256dh", 65);
  if (point[0] !== 0x04)
    throw fail("keys.p256dh", "keys.p256dh must be an uncompressed point (first byte 0x04)");
  const secret = decodeKey(auth, "keys.auth", 16);
  let key: WebCryptoKey;
  try {
    key = await importP256PublicKey(point);
  } catch {
    throw fail("keys.p256dh", "keys.p256dh is not a point on P-256");
  }
  return { endpoint: url, href: url.href, origin: url.origin, p256dh: point, auth: secret, key };
}
