// JSON Web Tokens signed with WebCrypto (RFC 7515 compact form): RS256 for Google's OAuth 2.0 JWT grant, ES256
// for APNs provider tokens. WebCrypto's ECDSA signature is already JWS's r‖s (IEEE P1363), no DER to unwrap.

export type JwtAlgorithm = "RS256" | "ES256";

const ALGORITHMS = {
  RS256: { import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, sign: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { import: { name: "ECDSA", namedCurve: "P-256" }, sign: { name: "ECDSA", hash: "SHA-256" } },
} as const;

export function base64url(input: string | Uint8Array): string {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * A PKCS #8 private key in PEM ("-----BEGIN PRIVATE KEY-----"): the service account's `private_key`, the
 * APNs `.p8` file. Literal "\n" sequences are accepted too, as a key pasted into a one-line secret has them.
 */
export async function importPrivateKey(pem: string, alg: JwtAlgorithm): Promise<CryptoKey> {
  const text = pem.replace(/\\n/g, "\n");
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(text);
  if (!match) throw new Error("not a PKCS #8 PEM private key (-----BEGIN PRIVATE KEY-----)");
  const der = Uint8Array.from(atob(match[1]!.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey("pkcs8", der, ALGORITHMS[alg].import, false, ["sign"]);
}

export async function signJwt(
  alg: JwtAlgorithm,
  key: CryptoKey,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): Promise<string> {
  const input = `${base64url(JSON.stringify({ alg, ...header }))}.${base64url(JSON.stringify(claims))}`;
  const signature = new Uint8Array(
    await crypto.subtle.sign(ALGORITHMS[alg].sign, key, new TextEncoder().encode(input)),
  );
  return `${input}.${base64url(signature)}`;
}
