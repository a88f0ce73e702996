// JWS compact tokens checked the way Google's token endpoint and APNs check them: the algorithm is the one
// expected (never taken from the header alone), the signature verifies with the known public key, and the
// claims are handed back only then.
import { createPublicKey, type KeyObject, verify } from "node:crypto";

export type Verdict =
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { ok: false; message: string };

const decode = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

export function verifyJwt(token: string, alg: "RS256" | "ES256", publicKey: KeyObject | string): Verdict {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)))
    return { ok: false, message: "not a compact JWS (three base64url parts)" };
  const [h, c, s] = parts as [string, string, string];
  const header = decode(h);
  const claims = decode(c);
  if (!header || !claims) return { ok: false, message: "header or claims are not base64url JSON objects" };
  if (header.alg !== alg)
    return { ok: false, message: `alg must be ${alg}, not ${JSON.stringify(header.alg)}` };
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const signature = Buffer.from(s, "base64url");
  // ES256 is r‖s (64 bytes, RFC 7518 §3.4), not DER.
  if (alg === "ES256" && signature.length !== 64)
    return { ok: false, message: "an ES256 signature is 64 bytes (r‖s)" };
  const ok = verify(
    "sha256",
    Buffer.from(`${h}.${c}`),
    alg === "ES256" ? { key, dsaEncoding: "ieee-p1363" } : key,
    signature,
  );
  return ok ? { ok: true, header, claims } : { ok: false, message: "signature does not verify" };
}
