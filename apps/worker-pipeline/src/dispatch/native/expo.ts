// Expo's push service (POST /--/api/v2/push/send): one message to one ExponentPushToken. Expo answers 200 with
// a ticket per message; the ticket's error, not the HTTP status, says whether the token is still registered.
import type { NativeNotification } from "../channel.js";
import { type PushResult, remainingTtl } from "../send.js";
import { type HttpOptions, parseJson, request, transientOf } from "./http.js";

export interface ExpoConfig {
  /** EXPO_BASE_URL: https://exp.host unless overridden (the local mock). */
  baseUrl: string;
  /** EXPO_ACCESS_TOKEN, when the Expo project requires push security. */
  accessToken?: string;
}

export function expoMessage(message: NativeNotification, now: number) {
  const { payload } = message;
  return {
    to: message.native.token,
    title: payload.title,
    body: payload.body,
    data: { ...payload.data, tag: payload.tag, ...(payload.silent ? { silent: true } : {}) },
    ttl: remainingTtl(message, now),
    priority: message.urgency === "high" ? "high" : "default",
    // A silent push (a goal during quiet hours) is shown without the sound.
    ...(payload.silent ? {} : { sound: "default" }),
  };
}

export async function sendExpo(
  config: ExpoConfig,
  message: NativeNotification,
  http: HttpOptions,
): Promise<PushResult> {
  const now = http.now ?? Date.now;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (config.accessToken) headers.authorization = `Bearer ${config.accessToken}`;
  const answer = await request(
    `${config.baseUrl}/--/api/v2/push/send`,
    { method: "POST", headers, body: JSON.stringify(expoMessage(message, now())) },
    http,
  );
  if (!answer.ok) return answer.result;
  return expoResult(answer.res, answer.text, now());
}

interface ExpoTicket {
  status?: string;
  message?: string;
  details?: { error?: string };
}

export function expoResult(res: Response, text: string, now: number): PushResult {
  const status = res.status;
  const transient = transientOf(res, text, now);
  if (transient) return transient;
  const body = parseJson(text) as
    | { data?: ExpoTicket | ExpoTicket[]; errors?: { code?: string; message?: string }[] }
    | undefined;
  const ticket = Array.isArray(body?.data) ? body.data[0] : body?.data;
  if (status !== 200 || !ticket) {
    const error = body?.errors?.[0];
    return {
      kind: "refused",
      status,
      reason: `Expo HTTP ${status} ${error?.code ?? ""}: ${(error?.message ?? text).slice(0, 200)}`,
    };
  }
  if (ticket.status === "ok") return { kind: "delivered", status, at: new Date(now) };
  const error = ticket.details?.error ?? "";
  if (error === "DeviceNotRegistered") return { kind: "gone", status };
  const reason = `Expo ticket ${error || "error"}: ${(ticket.message ?? "").slice(0, 200)}`;
  if (error === "MessageRateExceeded") return { kind: "transient", status, reason };
  return { kind: "refused", status, reason };
}
