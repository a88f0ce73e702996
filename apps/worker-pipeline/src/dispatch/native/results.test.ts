// What each push service's answer means for the token: delivered, gone (prune), transient (retry), refused.
import { describe, expect, it } from "vitest";
import { apnsResult } from "./apns.js";
import { expoResult } from "./expo.js";
import { fcmResult } from "./fcm.js";

const now = Date.parse("2026-06-01T12:00:00Z");
const res = (status: number, body: unknown = "", headers: Record<string, string> = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return [new Response(text, { status, headers }), text] as const;
};
const fcmError = (status: number, errorCode: string, message = "x", extra: object[] = []) =>
  res(status, {
    error: {
      code: status,
      message,
      status: errorCode,
      details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode }, ...extra],
    },
  });

describe("fcmResult", () => {
  it.each([
    [res(200, { name: "projects/p/messages/1" }), "delivered"],
    [fcmError(404, "UNREGISTERED"), "gone"],
    [
      fcmError(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
      "gone",
    ],
    [
      fcmError(400, "INVALID_ARGUMENT", "Invalid value", [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "message.token" }],
        },
      ]),
      "gone",
    ],
    // INVALID_ARGUMENT about the message, not the token: the token stays.
    [fcmError(400, "INVALID_ARGUMENT", "Invalid value at 'message.data'"), "refused"],
    // A 404 without UNREGISTERED (a wrong project id) must never prune every token.
    [res(404, "Not Found"), "refused"],
    [fcmError(403, "SENDER_ID_MISMATCH"), "refused"],
    [fcmError(429, "QUOTA_EXCEEDED"), "transient"],
    [fcmError(503, "UNAVAILABLE"), "transient"],
  ])("%#: %s", ([r, text], kind) => {
    expect(fcmResult(r, text, now).kind).toBe(kind);
  });

  it("carries Retry-After", () => {
    const [r, text] = res(503, "", { "retry-after": "42" });
    expect(fcmResult(r, text, now)).toMatchObject({ kind: "transient", retryAfter: 42 });
  });
});

describe("apnsResult", () => {
  it.each([
    [res(200), "delivered"],
    [res(410, { reason: "Unregistered", timestamp: now }), "gone"],
    [res(400, { reason: "BadDeviceToken" }), "gone"],
    [res(400, { reason: "BadCollapseId" }), "refused"],
    [res(403, { reason: "InvalidProviderToken" }), "refused"],
    [res(403, { reason: "ExpiredProviderToken" }), "transient"],
    [res(413, { reason: "PayloadTooLarge" }), "refused"],
    [res(429, { reason: "TooManyRequests" }), "transient"],
    [res(503, { reason: "ServiceUnavailable" }), "transient"],
  ])("%#: %s", ([r, text], kind) => {
    expect(apnsResult(r, text, now).kind).toBe(kind);
  });
});

describe("expoResult", () => {
  it.each([
    [res(200, { data: { status: "ok", id: "t" } }), "delivered"],
    [res(200, { data: [{ status: "ok", id: "t" }] }), "delivered"],
    [
      res(200, { data: { status: "error", message: "m", details: { error: "DeviceNotRegistered" } } }),
      "gone",
    ],
    [
      res(200, { data: { status: "error", message: "m", details: { error: "MessageRateExceeded" } } }),
      "transient",
    ],
    [
      res(200, { data: { status: "error", message: "m", details: { error: "InvalidCredentials" } } }),
      "refused",
    ],
    [res(400, { errors: [{ code: "VALIDATION_ERROR", message: "bad" }] }), "refused"],
    [res(429, ""), "transient"],
    [res(502, ""), "transient"],
  ])("%#: %s", ([r, text], kind) => {
    expect(expoResult(r, text, now).kind).toBe(kind);
  });
});
