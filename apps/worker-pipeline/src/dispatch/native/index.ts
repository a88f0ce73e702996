// Native pushes (React Native apps): FCM HTTP v1, APNs and Expo, chosen by the device's token. Each adapter
// answers a PushResult, so dispatch treats them exactly like Web Push (prune, retry, dead-letter, the account).
import type { NativeNotification } from "../../messages/index.js";
import type { PushResult } from "../send.js";
import { sendApns } from "./apns.js";
import type { NativeContext } from "./context.js";
import { sendExpo } from "./expo.js";
import { sendFcm } from "./fcm.js";
import type { HttpOptions } from "./http.js";

export { nativeContext, buildNativeContext, NATIVE_DEFAULTS, type NativeContext, type NativeEnv } from "./context.js";

export type NativeSender = (message: NativeNotification, context: NativeContext) => Promise<PushResult>;

export function createNativeSender(http: HttpOptions): NativeSender {
  return async (message, context) => {
    const provider = message.native.provider;
    const config = context[provider];
    // Not configured: retrying will not configure it; the dead letter says what is missing, and can be redriven.
    if (typeof config === "string") return { kind: "refused", status: null, reason: config };
    if (provider === "fcm") return sendFcm(config as Exclude<NativeContext["fcm"], string>, message, http);
    if (provider === "apns") return sendApns(config as Exclude<NativeContext["apns"], string>, message, http);
    return sendExpo(config as Exclude<NativeContext["expo"], string>, message, http);
  };
}
