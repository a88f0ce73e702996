// A silent push (a goal during the device's quiet hours, contract v1.1) through each native push service: shown,
// without the sound; the flag passed on to the app. Any other push keeps its sound and carries no flag.
import { describe, expect, it } from "vitest";
import type { NativeNotification } from "../channel.js";
import { apnsPayload } from "./apns.js";
import { expoMessage } from "./expo.js";
import { fcmMessage } from "./fcm.js";

const now = Date.parse("2026-06-14T18:00:00Z");
const message = (silent: boolean, native: NativeNotification["native"]): NativeNotification => ({
  event_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f",
  device_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d50",
  match_id: "m1",
  payload: {
    title: "GOAL! France 1-0 Croatia",
    body: "Griezmann (pen.) 38'",
    tag: "goal-x",
    data: { event_id: "e", match_id: "m1", sequence_number: 7, url: "/#/matches/m1" },
    ...(silent ? { silent: true as const } : {}),
  },
  ttl: 300,
  urgency: "high",
  topic: "t",
  routed_at: new Date(now).toISOString(),
  native,
});
const apns = { provider: "apns", token: "ab".repeat(32), environment: "sandbox" } as const;
const expo = { provider: "expo", token: "ExponentPushToken[x]" } as const;
const fcm = { provider: "fcm", token: "t:fcm" } as const;

describe("silent native pushes", () => {
  it("APNs: no sound, silent passed on", () => {
    expect(apnsPayload(message(true, apns))).toMatchObject({
      silent: true,
      aps: { alert: expect.any(Object) },
    });
    expect(apnsPayload(message(true, apns)).aps).not.toHaveProperty("sound");
    expect(apnsPayload(message(false, apns)).aps).toHaveProperty("sound", "default");
    expect(apnsPayload(message(false, apns))).not.toHaveProperty("silent");
  });

  it("Expo: no sound, silent in data", () => {
    expect(expoMessage(message(true, expo), now)).not.toHaveProperty("sound");
    expect(expoMessage(message(true, expo), now).data).toHaveProperty("silent", true);
    expect(expoMessage(message(false, expo), now)).toHaveProperty("sound", "default");
    expect(expoMessage(message(false, expo), now).data).not.toHaveProperty("silent");
  });

  it("FCM: silent in data (FCM wants strings), for the app's quiet channel", () => {
    expect(fcmMessage(message(true, fcm), fcm.token, now).message.data).toHaveProperty("silent", "true");
    expect(fcmMessage(message(false, fcm), fcm.token, now).message.data).not.toHaveProperty("silent");
  });
});
