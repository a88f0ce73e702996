// RFC 8030 §5: one POST per message to the subscription's endpoint, body encrypted per RFC 8291,
// authorised per RFC 8292. Returns what `fetch` takes; sending, retrying and pruning are the caller's.

import { type Bytes, utf8 } from "../bytes/index.js";
import { encryptPayload } from "../encryption/index.js";
import { WebPushError } from "../errors.js";
import { validateSubscriptionCached } from "../subscription/cache.js";
import type { EndpointAllowList } from "../subscription/index.js";
import { assertTopic } from "../topic/index.js";
import type { VapidAuthorizer } from "../vapid/index.js";

export const URGENCIES = ["very-low", "low", "normal", "high"] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface PushRequestOptions {
  /** A browser PushSubscription JSON; validated here (an unvalidated one is never sent). */
  subscription: unknown;
  allowEndpoint: EndpointAllowList;
  /** A string or bytes go as they are; anything else is sent as its JSON. */
  payload: string | Uint8Array | object;
  vapid: VapidAuthorizer;
  /** Seconds the push service may hold the message for an offline device (RFC 8030 §5.2). */
  ttl: number;
  urgency?: Urgency;
  /** Replaces a pending message with the same Topic (RFC 8030 §5.4); see topicFromTag. */
  topic?: string;
}

export interface PushRequest {
  url: string;
  init: { method: "POST"; headers: Record<string, string>; body: Bytes };
}

function assertOptions(o: PushRequestOptions): void {
  if (!Number.isInteger(o.ttl) || o.ttl < 0 || o.ttl > 2 ** 31 - 1) {
    throw new WebPushError("invalid_ttl", `TTL must be a whole number of seconds ≥ 0, got ${o.ttl}`, "ttl");
  }
  if (o.urgency !== undefined && !URGENCIES.includes(o.urgency)) {
    throw new WebPushError(
      "invalid_urgency",
      `Urgency must be one of ${URGENCIES.join(", ")}, got "${o.urgency}"`,
      "urgency",
    );
  }
  if (o.topic !== undefined) assertTopic(o.topic);
}

// A fan-out sends the same text to every device: it is encoded once while it stays the same.
let lastText: string | undefined;
let lastBytes: Uint8Array = new Uint8Array(0);

function payloadBytes(payload: PushRequestOptions["payload"]): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  if (text !== lastText) {
    lastBytes = utf8(text);
    lastText = text;
  }
  return lastBytes;
}

export async function buildPushRequest(o: PushRequestOptions): Promise<PushRequest> {
  assertOptions(o);
  const sub = await validateSubscriptionCached(o.subscription, o.allowEndpoint);
  const [body, authorization] = await Promise.all([
    encryptPayload(payloadBytes(o.payload), sub),
    o.vapid.authorization(sub.origin),
  ]);
  const headers: Record<string, string> = {
    "Content-Encoding": "aes128gcm",
    "Content-Type": "application/octet-stream",
    TTL: String(o.ttl),
    Authorization: authorization,
  };
  if (o.urgency) headers.Urgency = o.urgency;
  if (o.topic) headers.Topic = o.topic;
  return { url: sub.href, init: { method: "POST", headers, body } };
}
