import { ApiError } from "../errors/index.js";
import { bodyLimit, readBodyBytes } from "../request/body.js";
import { sourceKeys, type SourceKey } from "./keys.js";

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

/**
 * Authenticates a signed source request: `v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`.
 * The header checks come first so an unauthenticated caller costs no body read; the body is then read
 * within the size limit (a body too large to buffer cannot be verified, so it is refused as 413 first).
 */
export async function authenticateSource(req: Request, env: Env): Promise<AuthenticatedSource> {
  const keyId = req.headers.get(KEY_ID_HEADER);
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  const signature = req.headers.get(SIGNATURE_HEADER);
  const missing = [
    [KEY_ID_HEADER, keyId],
    [TIMESTAMP_HEADER, timestamp],
    [SIGNATURE_HEADER, signature],
  ].filter(([, v]) => !v).map(([h]) => h);
  if (missing.length) throw unauthorized(`missing ${missing.join(", ")}`);

  const key = sourceKeys(env).get(keyId!);
  if (!key) throw unauthorized(`unknown key ${JSON.stringify(keyId)}`);

  const ts = /^\d{1,12}$/.test(timestamp!) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts)) throw unauthorized(`${TIMESTAMP_HEADER} must be unix seconds`);
  const skew = Math.abs(Date.now() / 1000 - ts);
  if (skew > MAX_SKEW_SECONDS) throw unauthorized(`${TIMESTAMP_HEADER} is ${Math.round(skew)} s from server time (max ${MAX_SKEW_SECONDS} s)`);

  const mac = /^v1=([0-9a-fA-F]{64})$/.exec(signature!.trim())?.[1];
  if (!mac) throw unauthorized(`${SIGNATURE_HEADER} must be v1=<64 hex digits>`);

  const body = await readBodyBytes(req, bodyLimit(env));
  const signed = concat(new TextEncoder().encode(`${timestamp}.`), body);
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(key.secret), hexToBytes(mac), signed);
  if (!ok) throw unauthorized("bad signature");
  return { key, body };
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
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

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message);
}
