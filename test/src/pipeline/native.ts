// Native-app fans for the e2e suites: a device registered over HTTP with an FCM, APNs or Expo token from the
// strict mocks, following teams; and what each mock received, in one shape.
import { expect } from "vitest";
import type { MockApns } from "../mock-apns/index.js";
import type { MockExpo } from "../mock-expo/index.js";
import type { MockFcm } from "../mock-fcm/index.js";
import { call } from "./fans.js";

export type Provider = "fcm" | "apns" | "expo";

export interface NativeFan {
  name: string;
  locale: string;
  deviceId: string;
  token: string;
  provider: Provider;
  pushToken: string;
  environment?: "production" | "sandbox";
}

/** A push as the phone would show it, whichever service carried it. */
export interface Received {
  eventId: string;
  tag: string;
  /** FCM collapse_key / apns-collapse-id; Expo has none. */
  collapse: string | undefined;
  title: string;
  body: string;
  high: boolean;
  receivedAt: number;
}

export interface Mocks {
  fcm: MockFcm;
  apns: MockApns;
  expo: MockExpo;
}

export async function registerNativeFan(
  mocks: Mocks,
  name: string,
  locale: string,
  provider: Provider,
  teams: string[],
  environment?: "sandbox",
): Promise<NativeFan> {
  const device = await call("POST", "/v1/devices", undefined, { locale });
  expect(device.status, JSON.stringify(device.body)).toBe(201);
  const pushToken =
    provider === "fcm"
      ? mocks.fcm.newToken()
      : provider === "apns"
        ? mocks.apns.newToken(environment)
        : mocks.expo.newToken();
  const stored = await call("PUT", "/v1/devices/me/native-push-token", device.body.token, {
    provider,
    token: pushToken,
    ...(environment ? { environment } : {}),
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  expect(stored.body).toMatchObject({ provider, token: pushToken });
  const follows = await call("PUT", "/v1/devices/me/follows", device.body.token, { teams });
  expect(follows.status).toBe(200);
  return {
    name,
    locale,
    deviceId: device.body.device_id,
    token: device.body.token,
    provider,
    pushToken,
    ...(environment ? { environment } : {}),
  };
}

export function received(mocks: Mocks, fan: NativeFan): Received[] {
  if (fan.provider === "fcm") {
    return mocks.fcm.deliveries(fan.pushToken).map(({ message: m, receivedAt }) => ({
      eventId: m.data!.event_id!,
      tag: m.data!.tag!,
      collapse: m.android?.collapse_key,
      title: m.notification!.title!,
      body: m.notification!.body!,
      high: m.android?.priority === "high",
      receivedAt,
    }));
  }
  if (fan.provider === "apns") {
    return mocks.apns.deliveries(fan.pushToken).map(({ payload, headers, receivedAt }) => {
      const data = payload.data as { event_id: string };
      return {
        eventId: data.event_id,
        tag: payload.tag as string,
        collapse: headers.collapseId,
        title: payload.aps.alert!.title!,
        body: payload.aps.alert!.body!,
        high: headers.priority === 10,
        receivedAt,
      };
    });
  }
  return mocks.expo.deliveries(fan.pushToken).map(({ message: m, receivedAt }) => {
    const data = m.data as { event_id: string; tag: string };
    return {
      eventId: data.event_id,
      tag: data.tag,
      collapse: undefined,
      title: m.title as string,
      body: m.body as string,
      high: m.priority === "high",
      receivedAt,
    };
  });
}
