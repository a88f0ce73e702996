// FCM HTTP v1 (projects.messages.send): one message to one registration token, with the notification shown,
// the contract's data (FCM wants string values), and the Topic as Android collapse key and APNs collapse id so
// an amendment replaces its provisional goal on either platform.
import type { NativeNotification } from "../channel.js";
import { type PushResult, remainingTtl } from "../send.js";
import type { FcmAccessToken, ServiceAccount } from "./fcm-auth.js";
import { type HttpOptions, NativePushError, parseJson, request, transientOf } from "./http.js";

export interface FcmConfig {
  /** FCM_BASE_URL: https://fcm.googleapis.com unless overridden (the local mock). */
  baseUrl: string;
  account: ServiceAccount;
  auth: FcmAccessToken;
}

export function fcmMessage(message: NativeNotification, token: string, now: number) {
  const { payload } = message;
  const ttl = remainingTtl(message, now);
  const high = message.urgency === "high";
  const data = {
    event_id: payload.data.event_id,
    match_id: payload.data.match_id,
    sequence_number: String(payload.data.sequence_number),
    url: payload.data.url,
    tag: payload.tag,
    // The app shows a silent push (a goal during quiet hours) on a channel without sound or vibration.
    ...(payload.silent ? { silent: "true" } : {}),
  };
  return {
    message: {
      token,
      notification: { title: payload.title, body: payload.body },
      data,
      android: {
        priority: high ? "high" : "normal",
        ttl: `${ttl}s`,
        collapse_key: message.topic,
        notification: { tag: payload.tag },
      },
      apns: {
        headers: {
          "apns-collapse-id": message.topic,
          "apns-priority": high ? "10" : "5",
          "apns-expiration": String(ttl === 0 ? 0 : Math.floor(now / 1000) + ttl),
        },
        payload: { aps: { "thread-id": message.match_id } },
      },
    },
  };
}

export async function sendFcm(
  config: FcmConfig,
  message: NativeNotification,
  http: HttpOptions,
): Promise<PushResult> {
  const now = http.now ?? Date.now;
  const url = `${config.baseUrl}/v1/projects/${encodeURIComponent(config.account.project_id)}/messages:send`;
  const body = JSON.stringify(fcmMessage(message, message.native.token, now()));
  try {
    // A 401 means the cached access token stopped working before its time: one new token, one more try.
    for (let attempt = 1; ; attempt++) {
      const accessToken = await config.auth.get();
      const answer = await request(
        url,
        {
          method: "POST",
          headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
          body,
        },
        http,
      );
      if (!answer.ok) return answer.result;
      const { res, text } = answer;
      if (res.status === 401 && attempt === 1) {
        config.auth.invalidate(accessToken);
        continue;
      }
      return fcmResult(res, text, now());
    }
  } catch (err) {
    if (err instanceof NativePushError) return err.result;
    throw err;
  }
}

interface FcmError {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { "@type"?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[];
  };
}

/** What FCM's answer means for the token (see the ErrorCode table of the FCM v1 reference). */
export function fcmResult(res: Response, text: string, now: number): PushResult {
  const status = res.status;
  if (status >= 200 && status < 300) return { kind: "delivered", status, at: new Date(now) };
  const transient = transientOf(res, text, now);
  if (transient) return transient;
  const error = (parseJson(text) as FcmError | undefined)?.error;
  const codes = new Set((error?.details ?? []).map((d) => d.errorCode).filter(Boolean));
  const reason = `FCM HTTP ${status} ${[...codes].join(",") || error?.status || ""}: ${(error?.message ?? text).slice(0, 200)}`;
  // The app was uninstalled or the token expired.
  if (status === 404 && codes.has("UNREGISTERED")) return { kind: "gone", status };
  // INVALID_ARGUMENT about the token itself (not the message): it never was a valid token.
  const aboutToken =
    (error?.details ?? []).some((d) => d.fieldViolations?.some((v) => v.field === "message.token")) ||
    /registration token/i.test(error?.message ?? "");
  if (status === 400 && aboutToken) return { kind: "gone", status };
  return { kind: "refused", status, reason };
}
