// APNs provider API: POST /3/device/{token} with the provider token, the bundle id as topic, an alert push, its
// priority and expiry, and the Topic as apns-collapse-id so an amendment replaces its provisional goal.
import type { NativeNotification } from "../channel.js";
import { type PushResult, remainingTtl } from "../send.js";
import type { ApnsProviderToken } from "./apns-auth.js";
import { type HttpOptions, NativePushError, parseJson, request, transientOf } from "./http.js";

/** Apple's limit for a regular remote notification's payload. */
export const APNS_MAX_PAYLOAD_BYTES = 4096;
const MAX_COLLAPSE_ID_BYTES = 64;

export interface ApnsConfig {
  /** APNS_BASE_URL (https://api.push.apple.com) and APNS_SANDBOX_BASE_URL (https://api.sandbox.push.apple.com). */
  baseUrl: { production: string; sandbox: string };
  /** APNS_TOPIC: the app's bundle id. */
  topic: string;
  auth: ApnsProviderToken;
}

export function apnsPayload(message: NativeNotification) {
  const { payload } = message;
  return {
    aps: {
      alert: { title: payload.title, body: payload.body },
      // A silent push (a goal during quiet hours) is shown without the sound.
      ...(payload.silent ? {} : { sound: "default" }),
      "thread-id": message.match_id,
    },
    tag: payload.tag,
    data: payload.data,
    ...(payload.silent ? { silent: true } : {}),
  };
}

export function apnsHeaders(
  config: ApnsConfig,
  message: NativeNotification,
  now: number,
): Record<string, string> {
  const ttl = remainingTtl(message, now);
  return {
    "apns-topic": config.topic,
    "apns-push-type": "alert",
    "apns-priority": message.urgency === "high" ? "10" : "5",
    // 0: deliver now or never; else the UNIX time after which APNs drops it.
    "apns-expiration": String(ttl === 0 ? 0 : Math.floor(now / 1000) + ttl),
    "apns-collapse-id": message.topic,
    "content-type": "application/json",
  };
}

export async function sendApns(
  config: ApnsConfig,
  message: NativeNotification,
  http: HttpOptions,
): Promise<PushResult> {
  const now = http.now ?? Date.now;
  const body = JSON.stringify(apnsPayload(message));
  const size = new TextEncoder().encode(body).length;
  if (size > APNS_MAX_PAYLOAD_BYTES)
    return {
      kind: "refused",
      status: null,
      reason: `APNs payload of ${size} bytes is over ${APNS_MAX_PAYLOAD_BYTES}`,
    };
  if (new TextEncoder().encode(message.topic).length > MAX_COLLAPSE_ID_BYTES)
    return { kind: "refused", status: null, reason: "apns-collapse-id over 64 bytes" };
  const base = config.baseUrl[message.native.environment ?? "production"];
  const url = `${base}/3/device/${encodeURIComponent(message.native.token)}`;
  try {
    for (let attempt = 1; ; attempt++) {
      const jwt = await config.auth.get();
      const headers = { authorization: `bearer ${jwt}`, ...apnsHeaders(config, message, now()) };
      const answer = await request(url, { method: "POST", headers, body }, http);
      if (!answer.ok) return answer.result;
      const result = apnsResult(answer.res, answer.text, now());
      // The provider token aged out under us: one new token (Apple allows it after 20 min), one more try.
      if (
        attempt === 1 &&
        result.kind === "transient" &&
        result.reason.includes("ExpiredProviderToken") &&
        config.auth.expire(jwt)
      )
        continue;
      return result;
    }
  } catch (err) {
    if (err instanceof NativePushError) return err.result;
    throw err;
  }
}

/** What APNs' answer means for the token (Apple's "Handling notification responses from APNs"). */
export function apnsResult(res: Response, text: string, now: number): PushResult {
  const status = res.status;
  if (status === 200) return { kind: "delivered", status, at: new Date(now) };
  const transient = transientOf(res, text, now);
  if (transient) return transient;
  const reason = String((parseJson(text) as { reason?: unknown } | undefined)?.reason ?? "");
  // 410: Unregistered / ExpiredToken. 400 BadDeviceToken: not a token of this environment and topic.
  if (status === 410 || (status === 400 && reason === "BadDeviceToken")) return { kind: "gone", status };
  // Our provider token is older than Apple accepts: a later attempt signs a new one.
  if (status === 403 && reason === "ExpiredProviderToken")
    return { kind: "transient", status, reason: "APNs HTTP 403 ExpiredProviderToken" };
  return { kind: "refused", status, reason: `APNs HTTP ${status} ${reason || text.slice(0, 200)}` };
}
