// VAPID key material (RFC 8292 §3.2): an ECDSA P-256 pair. The public key travels as the 65-byte
// uncompressed point in base64url (the `k=` parameter and the browser's applicationServerKey).

import { type Bytes, base64urlDecode, base64urlEncode, bytesEqual, concatBytes } from "../bytes/index.js";
import type { WebCryptoKey } from "../encryption/index.js";
import { WebPushError } from "../errors.js";

export interface VapidKeys {
  /** base64url of the 65-byte uncompressed point, as `k=` and `applicationServerKey` want it. */
  publicKey: string;
  /** Non-extractable ECDSA P-256 signing key. */
  privateKey: WebCryptoKey;
}

/** A P-256 private JWK; `x` and `y` may be left out, they are recomputed from `d`. */
export interface EcPrivateJwk {
  kty: string;
  crv: string;
  d: string;
  x?: string;
  y?: string;
}

export interface VapidKeyInput {
  /**
   * base64url of the raw 32-byte scalar (the `web-push` convention), a PKCS#8 key (PEM, or base64/base64url DER),
   * or a JWK (object or JSON text).
   */
  privateKey: string | EcPrivateJwk;
  /** base64url raw point; when given it must match the private key. */
  publicKey?: string;
}

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
// PKCS#8 PrivateKeyInfo for id-ecPublicKey/prime256v1 around an RFC 5915 ECPrivateKey holding only d (32 bytes).
const PKCS8_D_PREFIX = Uint8Array.from([
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
  0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
]);

const invalid = (message: string) => new WebPushError("invalid_vapid_key", message, "privateKey");

function base64Decode(text: string): Bytes {
  try {
    return base64urlDecode(text.replace(/\s+/g, "").replace(/\+/g, "-").replace(/\//g, "_"));
  } catch {
    throw invalid("the VAPID private key is neither base64url, PKCS#8 nor a JWK");
  }
}

function parseJwk(input: string | EcPrivateJwk): EcPrivateJwk | undefined {
  if (typeof input !== "string") return input;
  if (!input.trimStart().startsWith("{")) return undefined;
  try {
    return JSON.parse(input) as EcPrivateJwk;
  } catch {
    throw invalid("the VAPID private key looks like JSON but does not parse");
  }
}

/** PKCS#8 DER of the private key, whatever form it came in. */
function toPkcs8(input: string | EcPrivateJwk): Bytes {
  const jwk = parseJwk(input);
  if (jwk) {
    if (jwk.kty !== "EC" || jwk.crv !== "P-256" || typeof jwk.d !== "string")
      throw invalid("the VAPID JWK must be an EC P-256 private key with 'd'");
    return toPkcs8(jwk.d);
  }
  const text = input as string;
  if (text.includes("-----BEGIN")) {
    const pem = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(text);
    if (!pem)
      throw invalid(
        "only PKCS#8 PEM ('BEGIN PRIVATE KEY') is supported; convert with `openssl pkcs8 -topk8 -nocrypt`",
      );
    return base64Decode(pem[1]!);
  }
  const der = base64Decode(text);
  return der.length === 32 ? concatBytes(PKCS8_D_PREFIX, der) : der;
}

/** Imports a VAPID key pair from any of the usual encodings and checks the public half if one is given. */
export async function importVapidKeys(input: VapidKeyInput): Promise<VapidKeys> {
  let jwk: JsonWebKeyLike;
  try {
    // Extractable once, only to read x/y back: the key we keep is re-imported non-extractable.
    const probe = await crypto.subtle.importKey("pkcs8", toPkcs8(input.privateKey), ECDSA, true, ["sign"]);
    jwk = (await crypto.subtle.exportKey("jwk", probe)) as JsonWebKeyLike;
  } catch (err) {
    if (err instanceof WebPushError) throw err;
    throw invalid(`the VAPID private key is not a P-256 key (${(err as Error).message})`);
  }
  const point = concatBytes(Uint8Array.of(0x04), base64urlDecode(jwk.x), base64urlDecode(jwk.y));
  if (input.publicKey !== undefined) {
    let given: Bytes;
    try {
      given = base64urlDecode(input.publicKey);
    } catch {
      throw new WebPushError("invalid_vapid_key", "the VAPID public key is not base64url", "publicKey");
    }
    if (!bytesEqual(given, point))
      throw new WebPushError(
        "invalid_vapid_key",
        "the VAPID public key does not match the private key",
        "publicKey",
      );
  }
  const privateKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", d: jwk.d, x: jwk.x, y: jwk.y },
    ECDSA,
    false,
    ["sign"],
  );
  return { publicKey: base64urlEncode(point), privateKey };
}

interface JsonWebKeyLike {
  d: string;
  x: string;
  y: string;
}

/**
 * A new VAPID pair as base64url strings (raw 32-byte scalar, 65-byte point): the format of `web-push generate-vapid-keys`,
 * what a first local run writes to its untracked config and what production keeps as secrets.
 */
export async function generateVapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"])) as {
    privateKey: WebCryptoKey;
  };
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKeyLike;
  const point = concatBytes(Uint8Array.of(0x04), base64urlDecode(jwk.x), base64urlDecode(jwk.y));
  return { publicKey: base64urlEncode(point), privateKey: jwk.d };
}
