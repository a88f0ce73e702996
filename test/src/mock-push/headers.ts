// RFC 8030 / RFC 8291 request headers as a push service enforces them.
import type { IncomingHttpHeaders } from "node:http";

export interface PushHeaders {
  ttl: number;
  urgency: "very-low" | "low" | "normal" | "high";
  topic?: string;
}

const URGENCIES = new Set(["very-low", "low", "normal", "high"]);

/** The parsed headers, or the reason a push service would answer 400. */
export function checkPushHeaders(h: IncomingHttpHeaders): PushHeaders | string {
  const one = (name: string) => {
    const v = h[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const ttl = one("ttl");
  if (ttl === undefined) return "missing TTL header (RFC 8030 §5.2)";
  if (!/^\d+$/.test(ttl)) return `TTL must be a non-negative integer, got "${ttl}"`;
  if (h["content-encoding"] !== "aes128gcm")
    return `Content-Encoding must be aes128gcm, got "${h["content-encoding"] ?? ""}"`;
  const urgency = one("urgency") ?? "normal";
  if (!URGENCIES.has(urgency)) return `Urgency must be very-low, low, normal or high, got "${urgency}"`;
  const topic = one("topic");
  if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic))
    return `Topic must be 1-32 URL-safe base64 characters, got "${topic}"`;
  return {
    ttl: Number(ttl),
    urgency: urgency as PushHeaders["urgency"],
    ...(topic !== undefined ? { topic } : {}),
  };
}
