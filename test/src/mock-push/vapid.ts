// RFC 8292 checks as a push service makes them: `Authorization: vapid t=<JWT>, k=<key>`, ES256 signature
// verified with k, `aud` = this service's origin, `exp` in the future and at most 24 h ahead, `sub` given.
import { webcrypto } from "node:crypto";

export type VapidVerdict =
  | { ok: true; publicKey: string; claims: { aud: string; exp: number; sub: string } }
  | { ok: false; message: string };

const DAY = 24 * 60 * 60;
// Signatures already verified (the same token is reused for many messages, as RFC 8292 intends); the claims are
// still checked against the clock on every request.
const verified = new Set<string>();
const reject = (message: string): VapidVerdict => ({ ok: false, message });

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export async function verifyVapid(
  authorization: string | undefined,
  origin: string,
  nowSeconds = Date.now() / 1000,
): Promise<VapidVerdict> {
  if (!authorization) return reject("missing Authorization header");
  const scheme = /^vapid\s+(.*)$/i.exec(authorization);
  if (!scheme) return reject('Authorization must use the "vapid" scheme (RFC 8292)');
  const params = new Map<string, string>();
  for (const part of scheme[1]!.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const token = params.get("t");
  const k = params.get("k");
  if (!token || !k) return reject("vapid Authorization needs both t= and k=");

  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]+$/.test(p))) return reject("t is not a compact JWS");
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h) as { alg?: unknown } | undefined;
  if (header?.alg !== "ES256") return reject("JWT alg must be ES256");
  const claims = decodeJson(p) as { aud?: unknown; exp?: unknown; sub?: unknown } | undefined;
  if (!claims) return reject("JWT claims are not JSON");

  if (!verified.has(`${token} ${k}`)) {
    const point = Buffer.from(k, "base64url");
    if (point.length !== 65 || point[0] !== 0x04)
      return reject("k must be a 65-byte uncompressed P-256 point");
    let key: webcrypto.CryptoKey;
    try {
      key = await webcrypto.subtle.importKey("raw", point, { name: "ECDSA", namedCurve: "P-256" }, false, [
        "verify",
      ]);
    } catch {
      return reject("k is not a P-256 point");
    }
    const signature = Buffer.from(s, "base64url");
    if (signature.length !== 64) return reject("ES256 signature must be 64 bytes (r|s)");
    const valid = await webcrypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      signature,
      Buffer.from(`${h}.${p}`),
    );
    if (!valid) return reject("JWT signature does not verify with k");
    if (verified.size >= 10_000) verified.clear();
    verified.add(`${token} ${k}`);
  }

  if (claims.aud !== origin) return reject(`JWT aud must be ${origin}, got ${JSON.stringify(claims.aud)}`);
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds)
    return reject("JWT has expired or has no exp");
  if (claims.exp > nowSeconds + DAY) return reject("JWT exp is more than 24 hours ahead");
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub))
    return reject("JWT sub must be a mailto: or https: URI");
  return { ok: true, publicKey: k, claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub } };
}
