// Fans as the contract sees them: a device registered over HTTP, subscribed with a mock push subscription
// (its own P-256 keys and auth secret, bound to the stack's VAPID key), following teams.
import { expect, inject } from "vitest";
import { baseUrl } from "../http.js";
import type { MockPush, PushSubscriptionJSON } from "../mock-push/index.js";

export interface Fan {
  name: string;
  locale: string;
  deviceId: string;
  token: string;
  subscription: PushSubscriptionJSON;
}

export async function call(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(baseUrl() + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** POST /v1/devices, PUT …/push-subscription, PUT …/follows — each must succeed. */
export async function registerFan(
  push: MockPush,
  name: string,
  locale: string,
  teams: string[],
): Promise<Fan> {
  const device = await call("POST", "/v1/devices", undefined, { locale });
  expect(device.status, JSON.stringify(device.body)).toBe(201);
  const { device_id: deviceId, token } = device.body;
  const subscription = push.newSubscription({ applicationServerKey: inject("vapidPublicKey") });
  const subscribed = await call("PUT", "/v1/devices/me/push-subscription", token, subscription);
  expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
  const follows = await call("PUT", "/v1/devices/me/follows", token, { teams });
  expect(follows.status, JSON.stringify(follows.body)).toBe(200);
  expect(follows.body.teams).toEqual([...teams].sort());
  return { name, locale, deviceId, token, subscription };
}
