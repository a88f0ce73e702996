import { DomainError } from "../errors/index.js";
import { readBody } from "../request/body.js";
import { type SourceKey, sourceKeys } from "./keys.js";

export const KEY_ID_HEADER = "X-Buzz-Key-Id";
export const TIMESTAMP_HEADER = "X-Buzz-Timestamp";
export const SIGNATURE_HEADER = "X-Buzz-Signature";
/** How far a request's timestamp may be from our clock, either way, before it counts as a replay. */
export const MAX_SKEW_SECONDS = 300;

export interface AuthenticatedSource {
  key: SourceKey;
  /** The exact bytes that were signed. */
  body: Uint8Array;
}

/** Signature versions this gateway accepts: SOURCE_SIGNATURES, e.g. "v1,v2" locally and "v2" in production. */
export function acceptedSignatures(env: { SOURCE_SIGNATURES?: string }): Set<SignatureVersion> {
  const listed = (env.SOURCE_SIGNATURES ?? "v2").split(",").map((v) => v.trim());
  return new Set(VERSIONS.filter((v) => listed.includes(v)));
}

const VERSIONS = ["v1", "v2"] as const;
export type SignatureVersion = (typeof VERSIONS)[number];

/**
 * Authenticates a signed source request. `v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>` (contract v1)
 * or `v2=<hex HMAC-SHA256(secret, timestamp + "." + METHOD + "." + path + "." + raw body)>` (v1.1), which binds the
 * signature to the match: a v1 signature is valid for every match a key may post to. The header may carry both,
 * comma-separated; one accepted version that verifies is enough. The header checks come first so an
 * unauthenticated caller costs no body read; the body is then read within the size limit (413 first).
 */
export async function authenticateSource(req: Request, env: Env): Promise<AuthenticatedSource> {
  const keyId = req.headers.get(KEY_ID_HEADER);
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  const signature = req.headers.get(SIGNATURE_HEADER);
  const missing = [
    [KEY_ID_HEADER, keyId],
    [TIMESTAMP_HEADER, timestamp],
    [SIGNATURE_HEADER, signature],
  ]
    .filter(([, v]) => !v)
    .map(([h]) => h);
  if (missing.length) throw unauthorized(`missing ${missing.join(", ")}`);

  const key = sourceKeys(env).get(keyId!);
  if (!key) throw unauthorized(`unknown key ${JSON.stringify(keyId)}`);

  const ts = /^\d{1,12}$/.test(timestamp!) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts)) throw unauthorized(`${TIMESTAMP_HEADER} must be unix seconds`);
  const skew = Math.abs(Date.now() / 1000 - ts);
  if (skew > MAX_SKEW_SECONDS)
    throw unauthorized(
      `${TIMESTAMP_HEADER} is ${Math.round(skew)} s from server time (max ${MAX_SKEW_SECONDS} s)`,
    );

  const accepted = acceptedSignatures(env);
  const macs = signaturesOf(signature!).filter((m) => accepted.has(m.version));
  if (macs.length === 0) {
    const forms = [...accepted].map((v) => `${v}=<64 hex digits>`).join(" or ");
    throw unauthorized(`${SIGNATURE_HEADER} must be ${forms}`);
  }

  const body = await readBody(req);
  const hmac = await hmacKey(key.secret);
  for (const { version, mac } of macs) {
    const signed = concat(new TextEncoder().encode(prefixOf(version, timestamp!, req)), body);
    if (await crypto.subtle.verify("HMAC", hmac, hexToBytes(mac), signed)) return { key, body };
  }
  throw unauthorized("bad signature");
}

/** `v1=<hex>`, `v2=<hex>` or both, comma-separated; anything else in the header is ignored. */
function signaturesOf(header: string): { version: SignatureVersion; mac: string }[] {
  return header
    .split(",")
    .map((part) => /^(v1|v2)=([0-9a-fA-F]{64})$/.exec(part.trim()))
    .flatMap((m) => (m ? [{ version: m[1] as SignatureVersion, mac: m[2]! }] : []));
}

/** What the signature covers before the body. */
function prefixOf(version: SignatureVersion, timestamp: string, req: Request): string {
  return version === "v1" ? `${timestamp}.` : `${timestamp}.${req.method}.${new URL(req.url).pathname}.`;
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keyCache.set(secret, key);
  }
  return key;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

function unauthorized(message: string): DomainError {
  return new DomainError(401, "unauthorized", message);
}
