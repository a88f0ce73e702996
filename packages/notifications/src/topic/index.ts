import { sha256 } from "./sha256.js";

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** RFC 8030 §5.4: a Topic is at most 32 characters of the URL-safe base64 alphabet. */
export const isTopic = (value: string): boolean => TOPIC.test(value);

/**
 * The Web Push Topic for a notification tag: the tag itself when it already is a valid Topic, otherwise
 * base64url of the first 24 bytes of SHA-256(tag) — 32 characters, 192 bits, so two tags never share a Topic
 * by accident (a shared Topic would let one push silently replace another). The same rule as @buzz/web-push's
 * `topicFromTag`, but synchronous (see sha256.ts), so route and dashboard agree on it without awaiting.
 */
export function topicOf(tag: string): string {
  if (isTopic(tag)) return tag;
  const digest = sha256(new TextEncoder().encode(tag));
  let out = "";
  // 24 bytes = 8 groups of 3 bytes = 32 characters, no padding.
  for (let i = 0; i < 24; i += 3) {
    const n = (digest[i]! << 16) | (digest[i + 1]! << 8) | digest[i + 2]!;
    out +=
      BASE64URL[n >>> 18]! + BASE64URL[(n >>> 12) & 63]! + BASE64URL[(n >>> 6) & 63]! + BASE64URL[n & 63]!;
  }
  return out;
}
