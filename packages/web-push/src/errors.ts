/** What went wrong, as a stable code a caller can map to a 4xx or to "prune the subscription". */
export type WebPushErrorCode =
  | "invalid_subscription"
  | "endpoint_not_allowed"
  | "invalid_ttl"
  | "invalid_urgency"
  | "invalid_topic"
  | "payload_too_large"
  | "invalid_vapid_key"
  | "invalid_vapid_claims";

export class WebPushError extends Error {
  override readonly name = "WebPushError";
  constructor(
    readonly code: WebPushErrorCode,
    message: string,
    /** The input field at fault (e.g. "keys.p256dh"), so an endpoint can name it in its `issues`. */
    readonly field?: string,
  ) {
    super(message);
  }
}
