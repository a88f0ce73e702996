// Standard Webhooks symmetric signatures: v1,<base64 HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)>.
// The secret is shown to the receiver as "whsec_<base64>"; the key is the decoded bytes, not the text.

const PREFIX = "whsec_";

export function secretBytes(secret: string): Uint8Array {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const binary = atob(encoded);
  if (binary.length === 0) throw new Error("empty webhook secret");
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function importSigningKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", secretBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
}

/** The `webhook-signature` header value for one attempt. */
export async function signature(
  key: CryptoKey,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)),
  );
  let binary = "";
  for (const b of mac) binary += String.fromCharCode(b);
  return `v1,${btoa(binary)}`;
}
