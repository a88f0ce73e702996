import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import {
  DeviceRegistrationSchema,
  FollowsInputSchema,
  NativePushTokenInputSchema,
  NotificationPreferencesSchema,
  PushSubscriptionInputSchema,
} from "@buzz/schema/validate";
import { json, operation } from "./operation.js";

const tags = ["device"];

/** The fan app's routes: registration, then everything under /v1/devices/me (device token). */
export const DEVICE_ROUTES: RouteConfig[] = [
  operation("none", {
    method: "post",
    path: "/v1/devices",
    summary: "Register a fan app",
    tags,
    request: { body: json(DeviceRegistrationSchema) },
    ok: {
      201: "`{device_id, token}`: keep the token, it is shown once",
      429: "rate limited (Retry-After)",
      503: "Postgres unavailable",
    },
  }),
  operation("device", {
    method: "delete",
    path: "/v1/devices/me",
    summary: "Erase the device and all it holds",
    ok: { 204: "erased" },
  }),
  operation("device", {
    method: "put",
    path: "/v1/devices/me/push-subscription",
    summary: "Store the Web Push subscription",
    request: { body: json(PushSubscriptionInputSchema) },
    ok: { 200: "replaced", 201: "stored" },
  }),
  operation("device", {
    method: "get",
    path: "/v1/devices/me/push-subscription",
    summary: "The subscription",
    ok: { 200: "the subscription" },
  }),
  operation("device", {
    method: "put",
    path: "/v1/devices/me/native-push-token",
    summary: "Store an FCM, APNs or Expo token",
    request: { body: json(NativePushTokenInputSchema) },
    ok: { 200: "replaced", 201: "stored" },
  }),
  operation("device", {
    method: "get",
    path: "/v1/devices/me/native-push-token",
    summary: "The native token",
    ok: { 200: "the token" },
  }),
  operation("device", {
    method: "delete",
    path: "/v1/devices/me/native-push-token",
    summary: "Forget the native token",
    ok: { 204: "forgotten" },
  }),
  operation("device", {
    method: "put",
    path: "/v1/devices/me/follows",
    summary: "Replace what the device follows",
    request: { body: json(FollowsInputSchema) },
    ok: { 200: "the follows as stored" },
  }),
  operation("device", {
    method: "get",
    path: "/v1/devices/me/follows",
    summary: "What the device follows",
    ok: { 200: "the follows" },
  }),
  operation("device", {
    method: "put",
    path: "/v1/devices/me/preferences",
    summary: "Choose what buzzes: categories and quiet hours",
    request: { body: json(NotificationPreferencesSchema) },
    ok: { 200: "the preferences as stored (a missing category takes its default)" },
  }),
  operation("device", {
    method: "get",
    path: "/v1/devices/me/preferences",
    summary: "What buzzes: the defaults until the device chooses",
    ok: { 200: "the preferences" },
  }),
];
