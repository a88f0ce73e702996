// Byte helpers that run unchanged in Workers and Node: no Buffer, only atob/btoa and TextEncoder.

export type Bytes = Uint8Array<ArrayBuffer>;

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Decodes base64url (RFC 4648 §5), padded or not; throws on any other character or a impossible length. */
export function base64urlDecode(text: string): Bytes {
  if (!BASE64URL.test(text)) throw new Error("not base64url");
  const bare = text.replace(/=+$/, "");
  if (bare.length % 4 === 1) throw new Error("not base64url (truncated)");
  const binary = atob(bare.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Encodes as unpadded base64url, the form Web Push and JOSE use. */
export function base64urlEncode(bytes: Uint8Array): string {
  let binary = "";
  // Chunked so a long input never exceeds the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function concatBytes(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Bytes => encoder.encode(text) as Bytes;

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
