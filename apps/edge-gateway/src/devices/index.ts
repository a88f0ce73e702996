import type { Issue } from "@buzz/schema/contract";
import {
  DeviceRegistrationSchema,
  FollowsInputSchema,
  NativePushTokenInputSchema,
  NotificationPreferencesSchema,
  PushSubscriptionInputSchema,
} from "@buzz/schema/validate";
import { endpointAllowList, validateSubscription, WebPushError } from "@buzz/web-push";
import { Hono } from "hono";
import type { z } from "zod";
import { DomainError } from "../errors/index.js";
import { addressOf, enforce } from "../rate-limit/index.js";
import { limitBody } from "../request/body.js";
import { body, DEVICE_BODY_LIMIT } from "./body.js";
import { type DeviceEnv, requireDevice, withDatabase } from "./context.js";
import { deleteNativeToken, getNativeToken, putNativeToken } from "./native-store.js";
import { getPreferences, putPreferences } from "./preferences-store.js";
import {
  createDevice,
  deleteDevice,
  getFollows,
  getSubscription,
  putSubscription,
  replaceFollows,
} from "./store.js";
import { newDeviceToken, tokenHash } from "./token.js";

export const devices = new Hono<DeviceEnv>()
  // Hono's "/x/*" also matches "/x" itself: these cover POST /devices and /devices/me too.
  .use("/devices/*", limitBody(DEVICE_BODY_LIMIT), withDatabase)
  .use("/devices/me/*", requireDevice)
  /** Registers a device: 201 {device_id, token}. The token is shown here only. */
  .post("/devices", async (c) => {
    await enforce(
      c.env,
      "DEVICE_REGISTRATIONS",
      addressOf(c.req.raw),
      "too many devices registered from this address",
    );
    const { locale } = await body(c.req.raw, DeviceRegistrationSchema, true);
    const token = newDeviceToken();
    const device = await createDevice(c.get("db")(), await tokenHash(token), locale);
    return c.json({ device_id: device.id, token }, 201);
  })
  /** Forgets the device: subscription, native token, follows, preferences and notification log go with it. */
  .delete("/devices/me", async (c) => {
    await deleteDevice(c.get("db")(), c.get("device"));
    return c.body(null, 204);
  })
  /** Stores the browser's PushSubscription: 201 when new, 200 when it replaced the previous one. */
  .put("/devices/me/push-subscription", async (c) => {
    const input = await body(c.req.raw, PushSubscriptionInputSchema);
    await checkSubscription(input, c.env.PUSH_ENDPOINT_ALLOWLIST);
    const { endpoint, keys } = input;
    const { created, subscription } = await putSubscription(c.get("db")(), c.get("device"), {
      endpoint,
      ...keys,
    });
    return c.json(subscription, created ? 201 : 200);
  })
  .get("/devices/me/push-subscription", async (c) => {
    const subscription = await getSubscription(c.get("db")(), c.get("device"));
    if (!subscription) throw new DomainError(404, "not_found", "this device has no push subscription");
    return c.json(subscription);
  })
  /**
   * Stores the native app's push token (FCM, APNs or Expo): 201 when new, 200 when it replaced the previous one.
   * A device with a native token is notified through it rather than through a Web Push subscription.
   */
  .put("/devices/me/native-push-token", async (c) => {
    const input = await body(c.req.raw, NativePushTokenInputSchema);
    const { created, token } = await putNativeToken(c.get("db")(), c.get("device"), input);
    return c.json(token, created ? 201 : 200);
  })
  .get("/devices/me/native-push-token", async (c) => {
    const token = await getNativeToken(c.get("db")(), c.get("device"));
    if (!token) throw new DomainError(404, "not_found", "this device has no native push token");
    return c.json(token);
  })
  /** Forgets the native token (the user turned notifications off); 204 whether or not there was one. */
  .delete("/devices/me/native-push-token", async (c) => {
    await deleteNativeToken(c.get("db")(), c.get("device"));
    return c.body(null, 204);
  })
  /** Replaces what the device follows; answers with the set as stored. */
  .put("/devices/me/follows", async (c) => {
    const wanted = await body(c.req.raw, FollowsInputSchema);
    return c.json(await replaceFollows(c.get("db")(), c.get("device"), wanted));
  })
  .get("/devices/me/follows", async (c) => c.json(await getFollows(c.get("db")(), c.get("device"))))
  /** Replaces what the device is buzzed about (contract v1.1); answers with the preferences as stored. */
  .put("/devices/me/preferences", async (c) => {
    const wanted = await body(c.req.raw, NotificationPreferencesSchema);
    return c.json(await putPreferences(c.get("db")(), c.get("device"), wanted));
  })
  /** The device's preferences: the defaults until it chooses. */
  .get("/devices/me/preferences", async (c) => c.json(await getPreferences(c.get("db")(), c.get("device"))));

/**
 * What the shape cannot tell: an endpoint at an allowed push service (the dispatcher will POST to it), and a
 * p256dh that is a point on P-256 (else every push to it would fail to encrypt). Same checks as dispatch.
 */
async function checkSubscription(
  input: z.output<typeof PushSubscriptionInputSchema>,
  allowList: string,
): Promise<void> {
  const allow = endpointAllowList(allowList.split(",").filter((o) => o.trim() !== ""));
  try {
    await validateSubscription(input, allow);
  } catch (err) {
    if (!(err instanceof WebPushError)) throw err;
    const issues: Issue[] = [
      { path: err.field ? err.field.split(".") : [], message: err.message, code: err.code },
    ];
    throw new DomainError(
      422,
      err.code === "endpoint_not_allowed" ? "endpoint_not_allowed" : "validation_failed",
      err.message,
      issues,
    );
  }
}
