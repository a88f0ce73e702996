import { Hono } from "hono";
import {
  describeIssues,
  DeviceRegistrationSchema,
  FollowsInputSchema,
  NativePushTokenInputSchema,
  PushSubscriptionInputSchema,
  toIssues,
  type Issue,
} from "@buzz/schema";
import { endpointAllowList, validateSubscription, WebPushError } from "@buzz/web-push";
import type { z } from "zod";
import { ApiError } from "../errors/index.js";
import { parseJson, readBodyBytes } from "../request/body.js";
import { requireDevice, withDatabase, type DeviceEnv } from "./context.js";
import { deleteNativeToken, getNativeToken, putNativeToken } from "./native-store.js";
import { createDevice, deleteDevice, getFollows, getSubscription, putSubscription, replaceFollows } from "./store.js";
import { newDeviceToken, tokenHash } from "./token.js";

/** Device bodies are a few hundred bytes; anything near this is not a device talking. */
const DEVICE_BODY_LIMIT = 16 * 1024;

export const devices = new Hono<DeviceEnv>()
  // Hono's "/x/*" also matches "/x" itself: these cover POST /devices and /devices/me too.
  .use("/devices/*", withDatabase)
  .use("/devices/me/*", requireDevice)
  /** Registers a device: 201 {device_id, token}. The token is shown here only. */
  .post("/devices", async (c) => {
    const { locale } = await body(c.req.raw, DeviceRegistrationSchema, true);
    const token = newDeviceToken();
    const device = await createDevice(c.get("db")(), await tokenHash(token), locale);
    return c.json({ device_id: device.id, token }, 201);
  })
  /** Forgets the device: subscription, follows, quotas and notification log go with it. */
  .delete("/devices/me", async (c) => {
    await deleteDevice(c.get("db")(), c.get("device").id);
    return c.body(null, 204);
  })
  /** Stores the browser's PushSubscription: 201 when new, 200 when it replaced the previous one. */
  .put("/devices/me/push-subscription", async (c) => {
    const input = await body(c.req.raw, PushSubscriptionInputSchema);
    await checkSubscription(input, c.env.PUSH_ENDPOINT_ALLOWLIST);
    const { endpoint, keys } = input;
    const { created, subscription } = await putSubscription(c.get("db")(), c.get("device").id, { endpoint, ...keys });
    return c.json(subscription, created ? 201 : 200);
  })
  .get("/devices/me/push-subscription", async (c) => {
    const subscription = await getSubscription(c.get("db")(), c.get("device").id);
    if (!subscription) throw new ApiError(404, "not_found", "this device has no push subscription");
    return c.json(subscription);
  })
  /**
   * Stores the native app's push token (FCM, APNs or Expo): 201 when new, 200 when it replaced the previous one.
   * A device with a native token is notified through it rather than through a Web Push subscription.
   */
  .put("/devices/me/native-push-token", async (c) => {
    const input = await body(c.req.raw, NativePushTokenInputSchema);
    const { created, token } = await putNativeToken(c.get("db")(), c.get("device").id, input);
    return c.json(token, created ? 201 : 200);
  })
  .get("/devices/me/native-push-token", async (c) => {
    const token = await getNativeToken(c.get("db")(), c.get("device").id);
    if (!token) throw new ApiError(404, "not_found", "this device has no native push token");
    return c.json(token);
  })
  /** Forgets the native token (the user turned notifications off); 204 whether or not there was one. */
  .delete("/devices/me/native-push-token", async (c) => {
    await deleteNativeToken(c.get("db")(), c.get("device").id);
    return c.body(null, 204);
  })
  /** Replaces what the device follows; answers with the set as stored. */
  .put("/devices/me/follows", async (c) => {
    const wanted = await body(c.req.raw, FollowsInputSchema);
    return c.json(await replaceFollows(c.get("db")(), c.get("device"), wanted));
  })
  .get("/devices/me/follows", async (c) => c.json(await getFollows(c.get("db")(), c.get("device").id)));

async function body<S extends z.ZodType>(req: Request, schema: S, emptyIsObject = false): Promise<z.output<S>> {
  const bytes = await readBodyBytes(req, DEVICE_BODY_LIMIT);
  const raw = emptyIsObject && new TextDecoder().decode(bytes).trim() === "" ? {} : parseJson(bytes);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error);
  throw new ApiError(422, "validation_failed", `invalid body: ${describeIssues(issues)}`, issues);
}

/**
 * What the shape cannot tell: an endpoint at an allowed push service (the dispatcher will POST to it), and a
 * p256dh that is a point on P-256 (else every push to it would fail to encrypt). Same checks as dispatch.
 */
async function checkSubscription(input: z.output<typeof PushSubscriptionInputSchema>, allowList: string): Promise<void> {
  const allow = endpointAllowList(allowList.split(",").filter((o) => o.trim() !== ""));
  try {
    await validateSubscription(input, allow);
  } catch (err) {
    if (!(err instanceof WebPushError)) throw err;
    const issues: Issue[] = [{ path: err.field ? err.field.split(".") : [], message: err.message, code: err.code }];
    throw new ApiError(422, err.code === "endpoint_not_allowed" ? "endpoint_not_allowed" : "validation_failed", err.message, issues);
  }
}
