// Device tokens: 32 random bytes, base64url, shown to the device once. Only their SHA-256 is stored, so a
// leaked table holds nothing that authenticates.

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newDeviceToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Hex SHA-256 of the token's text: the `devices.token_hash` it is looked up by. */
export async function tokenHash(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
