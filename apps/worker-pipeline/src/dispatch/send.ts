// One Web Push request (RFC 8030 §5) and what its answer means for the message.

import { type NotificationMessage, parseRetryAfter } from "@buzz/queue";
import { buildPushRequest, type EndpointAllowList, type VapidAuthorizer, WebPushError } from "@buzz/web-push";

/** What a push needs besides the message: VAPID signing and the push-service allow-list. */
export interface PushContext {
  vapid: VapidAuthorizer;
  allowEndpoint: EndpointAllowList;
}

/** The device's current Web Push subscription, as stored. */
export interface Subscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushResult =
  /** 2xx: the push service has the message (RFC 8030 says 201; 200 and 202 are taken as the same). */
  | { kind: "delivered"; status: number; at: Date }
  /** 404/410: the subscription is gone for good. */
  | { kind: "gone"; status: number }
  /** Worth trying again: 408, 429, 5xx, a network error or a timeout (a request was made, `status` null if unanswered). */
  | { kind: "transient"; status: number | null; retryAfter?: number; reason: string }
  /**
   * Retrying cannot help: the message was refused before sending (`status` null: endpoint outside the allow-list,
   * invalid keys, bad TTL or Topic, payload too large) or by the push service (400, 401, 403, 413 …).
   */
  | { kind: "refused"; status: number | null; reason: string };

/** A push service that has not answered in this long is treated as down (the connection is freed for others). */
export const PUSH_TIMEOUT_MS = 10_000;

export interface SenderOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

export type Sender = (
  message: NotificationMessage,
  subscription: Subscription,
  context: PushContext,
) => Promise<PushResult>;

export function createSender({
  fetch: fetcher,
  timeoutMs = PUSH_TIMEOUT_MS,
  now = Date.now,
}: SenderOptions): Sender {
  return async (message, subscription, context) => {
    let request: Awaited<ReturnType<typeof buildPushRequest>>;
    try {
      request = await buildPushRequest({
        subscription: {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        allowEndpoint: context.allowEndpoint,
        payload: message.payload,
        vapid: context.vapid,
        ttl: remainingTtl(message, now()),
        urgency: message.urgency,
        topic: message.topic,
      });
    } catch (err) {
      // VAPID keys and claims were checked when the context was built, so what is left is this message's fault.
      if (!(err instanceof WebPushError)) throw err;
      return { kind: "refused", status: null, reason: `${err.code}: ${err.message}` };
    }

    let res: Response;
    try {
      // A redirect is never followed: it could lead outside the allow-list.
      res = await fetcher(request.url, {
        ...request.init,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      return {
        kind: "transient",
        status: null,
        reason: timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${String(err)}`,
      };
    }
    // Read the body either way: an unread body holds one of the invocation's few connections.
    const text = await res.text().catch(() => "");
    const status = res.status;
    if (status >= 200 && status < 300) return { kind: "delivered", status, at: new Date(now()) };
    if (status === 404 || status === 410) return { kind: "gone", status };
    const reason = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfter = parseRetryAfter(res.headers.get("retry-after"), now());
      return retryAfter === undefined
        ? { kind: "transient", status, reason }
        : { kind: "transient", status, retryAfter, reason };
    }
    return { kind: "refused", status, reason };
  };
}

/**
 * The TTL still left when the message goes out: a retry 90 s after routing gives a 300 s goal push 210 s,
 * so the push service never holds it past the moment it was meant to expire.
 */
export function remainingTtl(message: Pick<NotificationMessage, "ttl" | "routed_at">, now: number): number {
  const routed = Date.parse(message.routed_at);
  if (Number.isNaN(routed)) return message.ttl;
  return Math.max(0, message.ttl - Math.max(0, Math.floor((now - routed) / 1000)));
}
