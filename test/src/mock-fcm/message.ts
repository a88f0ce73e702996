// The checks FCM v1 makes on a `messages:send` body that matter here: one target, string-only data, known
// fields only (proto JSON: an unknown name is a 400), Android priority/TTL/collapse key, APNs headers.
const MESSAGE_FIELDS = new Set([
  "token",
  "topic",
  "condition",
  "name",
  "notification",
  "data",
  "android",
  "apns",
  "webpush",
  "fcm_options",
]);
const ANDROID_FIELDS = new Set([
  "collapse_key",
  "priority",
  "ttl",
  "restricted_package_name",
  "data",
  "notification",
  "fcm_options",
  "direct_boot_ok",
]);
/** FCM's limit on a message's payload. */
export const MAX_PAYLOAD_BYTES = 4096;

export interface FcmMessage {
  token: string;
  notification?: { title?: string; body?: string };
  data?: Record<string, string>;
  android?: {
    priority?: string;
    ttl?: string;
    collapse_key?: string;
    notification?: Record<string, unknown>;
  };
  apns?: { headers?: Record<string, string>; payload?: Record<string, unknown> };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The message, or what is wrong with it (FCM's INVALID_ARGUMENT message). */
export function checkMessage(body: unknown): FcmMessage | string {
  if (!isObject(body) || Object.keys(body).some((k) => k !== "message" && k !== "validate_only"))
    return "Invalid JSON payload received. Expected {message}";
  const m = body.message;
  if (!isObject(m)) return "message is required";
  const unknown = Object.keys(m).find((k) => !MESSAGE_FIELDS.has(k));
  if (unknown) return `Invalid JSON payload received. Unknown name "${unknown}" at 'message'`;
  if (["token", "topic", "condition"].filter((k) => k in m).length !== 1)
    return "exactly one of token, topic or condition is required";
  if (typeof m.token !== "string" || m.token === "") return "message.token must be a non-empty string";
  if (
    m.notification !== undefined &&
    (!isObject(m.notification) || Object.values(m.notification).some((v) => typeof v !== "string"))
  )
    return "notification fields are strings";
  if (
    m.data !== undefined &&
    (!isObject(m.data) || Object.values(m.data).some((v) => typeof v !== "string"))
  ) {
    return "Invalid value at 'message.data': data values must be strings";
  }
  if (m.android !== undefined) {
    const a = m.android;
    if (!isObject(a)) return "message.android must be an object";
    const bad = Object.keys(a).find((k) => !ANDROID_FIELDS.has(k));
    if (bad) return `Invalid JSON payload received. Unknown name "${bad}" at 'message.android'`;
    if (a.priority !== undefined && a.priority !== "normal" && a.priority !== "high")
      return `Invalid value at 'message.android.priority' (${JSON.stringify(a.priority)})`;
    if (
      a.ttl !== undefined &&
      (typeof a.ttl !== "string" || !/^\d+(\.\d{1,9})?s$/.test(a.ttl) || parseFloat(a.ttl) > 2_419_200)
    )
      return "Invalid value at 'message.android.ttl': a duration like \"300s\", at most 4 weeks";
    if (a.collapse_key !== undefined && typeof a.collapse_key !== "string")
      return "message.android.collapse_key must be a string";
  }
  if (m.apns !== undefined) {
    if (!isObject(m.apns)) return "message.apns must be an object";
    const headers = m.apns.headers;
    if (
      headers !== undefined &&
      (!isObject(headers) || Object.values(headers).some((v) => typeof v !== "string"))
    )
      return "message.apns.headers values are strings";
    const collapse = isObject(headers) ? headers["apns-collapse-id"] : undefined;
    if (typeof collapse === "string" && Buffer.byteLength(collapse) > 64)
      return "apns-collapse-id is over 64 bytes";
  }
  const size = Buffer.byteLength(JSON.stringify({ notification: m.notification, data: m.data }));
  if (size > MAX_PAYLOAD_BYTES) return `Message payload is ${size} bytes, over ${MAX_PAYLOAD_BYTES}`;
  return m as unknown as FcmMessage;
}
